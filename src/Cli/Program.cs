using Sagas.Cli;

return await SagasCli.RunAsync(args, Console.Out, Console.Error);
