using MassTransit;
using Microsoft.Extensions.Configuration;
using Sagas.Contracts;
using Sagas.Durability.Activities;

namespace Sagas.ActivityWorkers.CoffeeOrder;

/// <summary>
/// The barista: works through the beverage's stages from the first one not yet done, and heartbeats
/// after each, so that a barista who walks away is noticed within the heartbeat timeout and the next
/// one carries on from there. <c>Sagas:Activities:PrepareBeverage:StageTime</c> sets how long a stage takes;
/// <c>OutOfOrder</c> stands for a broken espresso machine, which no retry mends.
/// </summary>
[LongActivity]
public sealed class PrepareBeverageConsumer(ActivityHeartbeats heartbeats, IConfiguration configuration) : IConsumer<PrepareBeverage>
{
    public async Task Consume(ConsumeContext<PrepareBeverage> context)
    {
        var (orderId, name, resumeFrom) = context.Message;
        var settings = configuration.GetSection("Sagas:Activities:PrepareBeverage");
        if (settings.GetValue<bool>("OutOfOrder"))
        {
            await context.RespondAsync(new BeverageSpoiled(orderId, "the espresso machine is out of order"));
            return;
        }

        var stageTime = settings.GetValue("StageTime", TimeSpan.FromMilliseconds(200));
        var stages = CoffeeMenu.Beverages[name].Stages;
        for (var stage = resumeFrom; stage < stages.Count; stage++)
        {
            await Task.Delay(stageTime, context.CancellationToken);
            await heartbeats.BeatAsync(context, orderId, stage + 1, stages[(int)stage]);
        }

        await context.RespondAsync(new BeveragePrepared(orderId));
    }
}
