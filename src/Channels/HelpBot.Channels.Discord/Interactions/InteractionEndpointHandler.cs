using HelpBot.Channels.Discord.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// One request to the interactions endpoint, in the order Discord requires: the signature over the raw body
/// before anything else (401), then the JSON (400), PING → PONG, then routing and the engine.
/// </summary>
internal sealed class InteractionEndpointHandler(
    InteractionSignatureVerifier verifier,
    InteractionRouter router,
    InteractionResponder responder,
    FollowupSender followups,
    IOptions<DiscordOptions> options,
    ILogger<InteractionEndpointHandler> logger)
{
    private const int ReadChunkBytes = 16 * 1024;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var maxBytes = options.Value.MaxRequestBytes;
        if (await ReadBodyAsync(request, maxBytes, context.RequestAborted) is not { } body)
        {
            Log.BodyTooLarge(logger, maxBytes);
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "request body too large");
        }

        var check = verifier.Check(Header(request, InteractionSignatureVerifier.SignatureHeader), Header(request, InteractionSignatureVerifier.TimestampHeader), body.Span);
        if (check != SignatureCheck.Valid)
        {
            Log.RejectedSignature(logger, check);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "invalid request signature");
        }

        if (InteractionParser.Parse(body) is not { } interaction)
            return Refuse("malformed interaction");
        if (interaction.Type == InteractionType.Ping)
            return Callback(InteractionCallback.Pong);
        using var scope = Log.InteractionScope(logger, interaction.Id, interaction.ChannelId);
        var route = router.Route(interaction);
        if (route.Problem is { } problem)
            return Refuse(problem);

        InteractionResponse response;
        try
        {
            response = await responder.RespondAsync(interaction, route, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            Log.InteractionFailed(logger, ex);
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "the interaction failed");
        }
        if (response.Callback is null)
            return TypedResults.Accepted((string?)null);
        if (response.Afterwards is { } afterwards)
        {
            // Follow-ups and deferred replies need Discord to have our response first.
            context.Response.OnCompleted(() =>
            {
                _ = followups.Start(afterwards);
                return Task.CompletedTask;
            });
        }
        return Callback(response.Callback);
    }

    private ProblemHttpResult Refuse(string problem)
    {
        Log.RefusedInteraction(logger, problem);
        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: problem);
    }

    private static JsonHttpResult<InteractionCallback> Callback(InteractionCallback callback) =>
        TypedResults.Json(callback, DiscordJsonContext.Default.InteractionCallback);

    /// <summary>A header sent exactly once, else null (a repeated signature header is as good as none).</summary>
    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    /// <summary>The raw body, or null past <paramref name="maxBytes"/>; the signature is over these exact bytes.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[ReadChunkBytes];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
