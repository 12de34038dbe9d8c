using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using HelpBot.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HelpBot.Channels.Discord.Tests.Infrastructure;

/// <summary>
/// Discord's REST API as a Kestrel server on 127.0.0.1: records every request and answers from a script
/// (queued responses first, then 200 <c>{}</c>).
/// </summary>
public sealed class FakeDiscordApi : IAsyncDisposable
{
    public const string ApiPrefix = "/api/v10";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<FakeResponse> _script = new();
    private readonly TimeProvider _clock;
    private TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeDiscordApi(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts the fake; <paramref name="clock"/> (the bot's, usually; by default one standing still) dates the recorded requests.</summary>
    public static async Task<FakeDiscordApi> StartAsync(TimeProvider? clock = null)
    {
        clock ??= new FakeTimeProvider(VirtualTime.DefaultStart);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var fake = new FakeDiscordApi(builder.Build(), clock);
        fake._app.Run(fake.HandleAsync);
        await fake._app.StartAsync();
        fake.BaseUrl = LoopbackAddress.Of(fake._app) + ApiPrefix;
        return fake;
    }

    public void Enqueue(params FakeResponse[] responses)
    {
        foreach (var response in responses)
            _script.Enqueue(response);
    }

    /// <summary>Waits (at most <paramref name="timeoutMs"/>) until at least <paramref name="count"/> requests matching <paramref name="match"/> arrived; returns those there are.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1, int timeoutMs = 5000)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeoutMs);
        while (true)
        {
            var received = Volatile.Read(ref _received).Task;
            var found = _requests.Where(match).ToList();
            if (found.Count >= count || limit.IsCancellationRequested)
                return found;
            try
            {
                await received.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                // Out of time: the caller asserts on what came.
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        string body;
        List<(string, string, long)> files = [];
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync();
            body = form["payload_json"].ToString();
            files.AddRange(form.Files.Select(f => (f.Name, f.FileName, f.Length)));
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body);
            body = await reader.ReadToEndAsync();
        }
        var path = context.Request.Path.Value ?? "";
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            path.StartsWith(ApiPrefix, StringComparison.Ordinal) ? path[ApiPrefix.Length..] : path,
            body,
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.Headers.UserAgent.FirstOrDefault(),
            context.Request.ContentType,
            _clock.GetUtcNow()) { Files = files });
        Interlocked.Exchange(ref _received, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        var response = _script.TryDequeue(out var scripted) ? scripted : FakeResponse.Ok;
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            context.Response.Headers[name] = value;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
