using MassTransit;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;
using Sagas.Durability.Sagas;
using TripHarness = Sagas.Tests.Infrastructure.StateMachineHarness<Sagas.Tests.Durability.Compensation.TripStateMachine, Sagas.Tests.Durability.Compensation.TripState>;

namespace Sagas.Tests.Durability.Compensation;

/// <summary>
/// A saga whose two steps are undone by the same command type: each undo is a step of its own, so an
/// answer that comes again late (its undo was re-sent after a timeout) is not taken for the other's.
/// </summary>
public class TwoUndosOfOneCommandTests
{
    [Fact]
    public async Task A_late_answer_to_one_undo_is_not_taken_for_the_next_undo_of_the_same_command()
    {
        await using var t = await TripHarness.StartAsync();
        var id = NewId.NextGuid();
        await t.Deliver(new BookTrip(id));
        await t.InState(id, x => x.Booked);

        await t.Deliver(new CancelSaga(id, "trip called off"));
        var undos = await t.WaitPublished<ReleaseSeats>(m => m.TripId == id, 1);
        Assert.Equal("return", undos[0].Context.Message.Flight);
        var returnStep = undos[0].Context.Headers.Get<string>(StepHeaders.Step)!;
        await t.Deliver(new CompensationCompleted(id, returnStep));

        undos = await t.WaitPublished<ReleaseSeats>(m => m.TripId == id, 2);
        Assert.Equal("outbound", undos[1].Context.Message.Flight);
        await t.Deliver(new CompensationCompleted(id, returnStep));
        var saga = t.Saga.Sagas.Contains(id)!;
        Assert.Equal("Compensating", saga.CurrentState);
        Assert.Equal("outbound", Assert.Single(saga.Compensations).ForStep);

        var outboundStep = undos[1].Context.Headers.Get<string>(StepHeaders.Step)!;
        Assert.NotEqual(returnStep, outboundStep);
        await t.Deliver(new CompensationCompleted(id, outboundStep));
        await t.InState(id, x => x.Cancelled);
    }
}

public sealed record BookTrip(Guid TripId);

public sealed record ReleaseSeats(Guid TripId, string Flight);

public sealed class TripState : CompensatingSagaInstance;

/// <summary>Holds seats on two flights; cancelling releases each with the same command.</summary>
public sealed class TripStateMachine : CompensatingStateMachine<TripState>
{
    public TripStateMachine(ActivitySteps steps)
        : base(steps)
    {
        Event(() => Book, e => e.CorrelateById(m => m.Message.TripId));
        Initially(
            When(Book)
                .RecordCompensation("outbound", x => new ReleaseSeats(x.Saga.CorrelationId, "outbound"))
                .RecordCompensation("return", x => new ReleaseSeats(x.Saga.CorrelationId, "return"))
                .TransitionTo(Booked));
    }

    public State Booked { get; private set; } = null!;

    public Event<BookTrip> Book { get; private set; } = null!;
}
