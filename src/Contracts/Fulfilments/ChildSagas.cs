namespace Sagas.Contracts;

/// <summary>Charges a customer as a saga of its own (a fulfilment's child); undone by refunding.</summary>
public record StartPayment(Guid PaymentId, string CustomerId, decimal Amount);

/// <summary>Reserves stock as a saga of its own (a fulfilment's child); undone by releasing.</summary>
public record StartReservation(Guid ReservationId, IReadOnlyList<OrderLine> Items);
