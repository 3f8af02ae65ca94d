using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Sagas.Cli.Output;

namespace Sagas.Cli.Commands;

/// <summary><c>sagas errors …</c>: messages that faulted and sit in an error queue.</summary>
public static class ErrorCommands
{
    public static Command Create(CommandActions actions)
    {
        var command = new Command("errors", "Dead letters (messages in error queues): list, show, redrive");
        command.Add(List(actions));
        command.Add(Show(actions));
        command.Add(Redrive(actions));
        return command;
    }

    sealed class Filter
    {
        public readonly Option<string?> Queue = new("--queue") { Description = "Error queue, e.g. withdraw_error" };
        public readonly Option<string?> MessageType = new("--message-type") { Description = "Message type, e.g. Withdraw" };
        public readonly Option<Guid?> Saga = new("--saga") { Description = "Only messages of this saga (correlation id)" };

        public void AddTo(Command command)
        {
            command.Add(Queue);
            command.Add(MessageType);
            command.Add(Saga);
        }

        public List<KeyValuePair<string, string>> Query(ParseResult parse)
        {
            var query = new List<KeyValuePair<string, string>>();
            if (parse.GetValue(Queue) is { } queue)
                query.Add(new("queue", queue));
            if (parse.GetValue(MessageType) is { } type)
                query.Add(new("messageType", type));
            if (parse.GetValue(Saga) is { } saga)
                query.Add(new("sagaId", saga.ToString()));
            return query;
        }
    }

    static Command List(CommandActions actions)
    {
        var command = new Command("list", "Faulted messages, newest first");
        var filter = new Filter();
        filter.AddTo(command);
        var limit = CliArguments.Positive("--limit", "At most this many");
        command.Add(limit);
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            var query = filter.Query(parse);
            if (parse.GetValue(limit) is { } n)
                query.Add(new("limit", n.ToString(CultureInfo.InvariantCulture)));
            var errors = await session.Api.GetAsync(QueryString.Append("api/errors", query), cancellationToken);
            if (session.Json)
            {
                session.WriteJson(errors);
                return;
            }

            var table = new TableWriter("ID", "QUEUE", "MESSAGE", "FAULTED", "SAGA", "REASON");
            foreach (var error in Display.Items(errors))
            {
                table.Add(Display.Text(error?["id"]), Display.Text(error?["queue"]), Display.Text(error?["messageType"]), Display.Time(error?["faultedAt"]),
                    Display.Text(error?["correlationId"]), Display.Text(error?["reason"]));
            }

            table.Write(session.Output);
        });
        return command;
    }

    static Command Show(CommandActions actions)
    {
        var command = new Command("show", "A faulted message: why, where from, headers and body");
        var id = new Argument<string>("id") { Description = "The message id" };
        command.Add(id);
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            var error = await session.Api.GetAsync($"api/errors/{QueryString.Segment(parse.GetValue(id)!)}", cancellationToken);
            if (session.Json)
            {
                session.WriteJson(error);
                return;
            }

            var table = new TableWriter("", "") { ShowHeaders = false };
            foreach (var field in new[] { "id", "queue", "inputAddress", "sourceAddress", "messageType", "correlationId", "exceptionType", "reason" })
                table.Add(field, Display.Text(error?[field]));
            table.Add("faultedAt", Display.Time(error?["faultedAt"]));
            table.Write(session.Output);
            if (error?["headers"] is JsonObject { Count: > 0 } headers)
            {
                session.Output.WriteLine();
                session.Output.WriteLine("Headers");
                var rows = new TableWriter("", "") { ShowHeaders = false };
                foreach (var (name, value) in headers)
                    rows.Add(name, Display.Text(value));
                rows.Write(session.Output, "  ");
            }

            session.Output.WriteLine();
            session.Output.WriteLine("Body");
            session.Output.WriteLine(Display.Indented(error?["body"]));
            if (Display.Text(error?["stackTrace"]) is { Length: > 0 } stack)
            {
                session.Output.WriteLine();
                session.Output.WriteLine("Stack trace");
                session.Output.WriteLine(stack);
            }
        });
        return command;
    }

    /// <summary>One message by id, or every match of a filter; a filter only counts unless <c>--yes</c>, as bulk actions do.</summary>
    static Command Redrive(CommandActions actions)
    {
        var command = new Command("redrive", "Send a faulted message (or every one matching the filter) back to the queue it faulted on");
        var id = new Argument<string?>("id") { Description = "The message id; leave out to redrive by filter", Arity = ArgumentArity.ZeroOrOne };
        var filter = new Filter();
        filter.AddTo(command);
        command.Add(id);
        var confirm = BulkCommands.ConfirmOptions(command);
        command.Validators.Add(result =>
        {
            var hasFilter = result.GetValue(filter.Queue) is not null || result.GetValue(filter.MessageType) is not null || result.GetValue(filter.Saga) is not null;
            if (result.GetValue(id) is not null && hasFilter)
                result.AddError("give a message id or a filter, not both");
            else if (result.GetValue(id) is null && !hasFilter)
                result.AddError("give a message id, or a filter (--queue, --message-type, --saga)");
        });
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            if (parse.GetValue(id) is { } messageId)
            {
                var result = await session.Api.PostAsync($"api/errors/{QueryString.Segment(messageId)}/redrive", null, cancellationToken);
                if (session.Json)
                    session.WriteJson(result ?? new JsonObject { ["id"] = messageId, ["redriven"] = true });
                else
                    await session.Output.WriteLineAsync($"Redrove {messageId}");
                return;
            }

            var body = new JsonObject();
            foreach (var (name, value) in filter.Query(parse))
                body[name] = value;
            await BulkCommands.RunAsync(session, parse, confirm, "api/errors/redrive", body, "messages", "redriven", cancellationToken);
        });
        return command;
    }
}
