namespace HelpBot.Channels.Telegram.Benchmarks;

/// <summary>A bot the load run drives: started against the fake Bot API, stopped after the run.</summary>
internal interface IBotUnderLoad : IAsyncDisposable
{
    string Name { get; }

    Task StartAsync(FakeBotApi.FakeBotApiServer api, CancellationToken cancellationToken);
}
