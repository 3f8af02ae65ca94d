using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;
using Sagas.Durability.Storage;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Workflows.Fulfilments;

public class FulfilmentStateMap : SagaInstanceMap<FulfilmentState>
{
    protected override void ConfigureFields(EntityTypeBuilder<FulfilmentState> entity)
    {
        entity.Property(x => x.CustomerId).HasMaxLength(64);
        entity.Property(x => x.Items).HasJsonConversion();
        entity.Property(x => x.Total).HasPrecision(18, 2);
        entity.SearchAttribute(x => x.CustomerId);
        entity.Property(x => x.PaymentOutcome).HasMaxLength(64);
        entity.Property(x => x.ReservationOutcome).HasMaxLength(64);
    }
}

public class PaymentStateMap : SagaInstanceMap<PaymentState>
{
    protected override void ConfigureFields(EntityTypeBuilder<PaymentState> entity)
    {
        entity.Property(x => x.CustomerId).HasMaxLength(64);
        entity.SearchAttribute(x => x.CustomerId);
        entity.Property(x => x.Amount).HasPrecision(18, 2);
    }
}

public class ReservationStateMap : SagaInstanceMap<ReservationState>
{
    protected override void ConfigureFields(EntityTypeBuilder<ReservationState> entity)
    {
        entity.Property(x => x.Items).HasJsonConversion();
    }
}
