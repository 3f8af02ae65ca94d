using MassTransit;
using Microsoft.Extensions.Configuration;
using Sagas.Contracts;
using Sagas.Durability.Activities;

namespace Sagas.ActivityWorkers.BillingCollection;

/// <summary>
/// Reads an hour of billing data from the billing provider, page by page, heartbeating after each
/// page so that a fetch cut off (a worker restarted, a provider that hangs) is sent again from the page
/// it reached. The provider here is simulated: <c>Sagas:Activities:FetchBillingData:Pages</c> pages of
/// 100 records, <c>PageTime</c> each.
/// </summary>
[LongActivity]
public sealed class FetchBillingDataConsumer(ActivityHeartbeats heartbeats, IConfiguration configuration) : IConsumer<FetchBillingData>
{
    public async Task Consume(ConsumeContext<FetchBillingData> context)
    {
        var request = context.Message;
        var settings = configuration.GetSection("Sagas:Activities:FetchBillingData");
        var pages = settings.GetValue("Pages", 5);
        var pageTime = settings.GetValue("PageTime", TimeSpan.FromMilliseconds(100));

        for (var page = request.ResumeFrom; page < pages; page++)
        {
            await Task.Delay(pageTime, context.CancellationToken);
            await heartbeats.BeatAsync(context, request.BillingCollectionId, page + 1, $"page {page + 1} of {pages}");
        }

        // The records are the provider's, not this send's: a fetch resumed at page 3 reports the whole hour.
        await context.RespondAsync(new BillingDataFetched(request.BillingCollectionId, request.PeriodStart, pages * 100, pages * 12.50m));
    }
}
