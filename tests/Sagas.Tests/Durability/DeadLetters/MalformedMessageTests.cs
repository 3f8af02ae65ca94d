using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.DeadLetters;

/// <summary>
/// Bad JSON and a message of a type nobody consumes, sent raw to the deposit queue: each is
/// dead-lettered with its cause, and the deposit activity goes on consuming what follows.
/// </summary>
public sealed class MalformedMessageTests
{
    [Fact]
    public Task Malformed_messages_are_dead_lettered_with_their_cause_and_the_consumer_keeps_consuming() =>
        TestStacks.OnRealStackAsync(async settings =>
        {
            await using var api = await ApiHost.StartAsync(settings);
            var unknownId = Guid.NewGuid();
            var factory = new ConnectionFactory { Uri = new Uri(settings["ConnectionStrings:RabbitMq"]!) };
            await using (var connection = await factory.CreateConnectionAsync())
            await using (var channel = await connection.CreateChannelAsync())
            {
                await SendAsync(channel, "application/vnd.masstransit+json", """{"messageId": "a3""");
                await SendAsync(channel, "application/json", "this is not JSON");
                // Plain JSON of a known type whose fields do not fit it.
                await SendAsync(channel, "application/json", """{"transferId":"not-a-guid","account":"bob","amount":"lots"}""",
                    new Dictionary<string, object?> { ["MT-MessageType"] = "urn:message:Sagas.Contracts:Deposit" });
                await SendAsync(channel, "application/vnd.masstransit+json", $$$"""
                    {"messageId":"{{{unknownId}}}","messageType":["urn:message:Sagas.Contracts:NoSuchCommand"],"message":{"transferId":"{{{Guid.NewGuid()}}}"}}
                    """);
            }

            foreach (var (account, balance) in new[] { ("alice", 100m), ("bob", 0m) })
                (await api.Http.PostAsJsonAsync("/api/accounts", new { accountId = account, balance })).EnsureSuccessStatusCode();
            var transfer = await api.Http.PostAsJsonAsync("/api/transfers", new { fromAccount = "alice", toAccount = "bob", amount = 30 });
            var transferId = (await transfer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transferId").GetGuid();
            await Eventually.TrueAsync(async () =>
                {
                    using var response = await api.Http.GetAsync($"/api/transfers/{transferId}");
                    return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString() == "Completed";
                },
                "a valid deposit after the malformed ones to be consumed", TimeSpan.FromSeconds(60));

            var errors = await Eventually.MatchAsync(
                async () => (await api.Http.GetFromJsonAsync<JsonElement>("/api/errors?queue=deposit_error")).GetProperty("items").EnumerateArray().ToList(),
                list => list.Count >= 3, "the three unreadable messages in deposit_error");
            Assert.True(errors.Count == 3, string.Join("\n", errors));
            Assert.Equal(
                ["System.FormatException", "System.Text.Json.JsonReaderException", "System.Text.Json.JsonReaderException"],
                errors.Select(e => e.GetProperty("exceptionType").GetString()).Order());
            Assert.Contains(errors, e => e.GetProperty("reason").GetString()!.Contains("'this is not JSON' is an invalid JSON literal"));
            Assert.Contains(errors, e => e.GetProperty("reason").GetString()!.Contains("not in a supported Guid format")
                && e.GetProperty("messageType").GetString() == "Sagas.Contracts:Deposit");
            Assert.Equal(30m, (await api.Http.GetFromJsonAsync<JsonElement>("/api/accounts/bob")).GetProperty("balance").GetDecimal());

            var skipped = Assert.Single((await api.Http.GetFromJsonAsync<JsonElement>("/api/errors?queue=deposit_skipped")).GetProperty("items").EnumerateArray());
            Assert.Equal(unknownId, skipped.GetProperty("id").GetGuid());
            Assert.Equal("Sagas.Contracts:NoSuchCommand", skipped.GetProperty("messageType").GetString());
            Assert.Contains("nothing on deposit consumes Sagas.Contracts:NoSuchCommand", skipped.GetProperty("reason").GetString());

            var byType = await api.Http.GetFromJsonAsync<JsonElement>("/api/errors?messageType=NoSuchCommand");
            Assert.Equal(unknownId, Assert.Single(byType.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        });

    static async Task SendAsync(IChannel channel, string contentType, string body, Dictionary<string, object?>? headers = null) =>
        await channel.BasicPublishAsync("", "deposit", false, new BasicProperties { ContentType = contentType, Persistent = true, Headers = headers },
            Encoding.UTF8.GetBytes(body));
}
