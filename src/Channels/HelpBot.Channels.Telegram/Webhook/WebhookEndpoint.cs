using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HelpBot.Channels.Telegram.Updates;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram.Webhook;

/// <summary>
/// One webhook POST: the secret header first (401 without it), then the body (400 when it is not an update),
/// then the update through the same dispatcher as polling. It answers 200 once the update is handled, so Telegram
/// redelivers what a crash interrupted; the redelivery is recognised as a duplicate. Handling errors are logged, not returned.
/// </summary>
internal sealed class WebhookEndpoint(
    UpdateDispatcher dispatcher,
    IOptions<TelegramOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<WebhookEndpoint> logger)
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Updates are a few kilobytes; anything much larger is not from Telegram.</summary>
    public const int MaxBodyBytes = 1 << 20;

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.SecretToken ?? "");

    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HasSecret(request))
        {
            Log.WebhookRefused(logger, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?");
            return Results.Unauthorized();
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBodyBytes;

        UpdateReader.Result read;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            read = UpdateReader.Read(body.RootElement);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Log.WebhookUnreadable(logger, null, "body over " + MaxBodyBytes + " bytes");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        catch (JsonException ex)
        {
            Log.WebhookUnreadable(logger, null, ex.Message);
            return Results.BadRequest("the body is not JSON");
        }
        if (read.Update is not { } update)
        {
            Log.WebhookUnreadable(logger, read.Id, read.Error ?? "");
            // With an id it came from Telegram in a shape this version cannot read: retrying would not help.
            return read.Id is null ? Results.BadRequest("the body is not a Telegram update") : Results.Ok();
        }

        // Handling outlives the request: if Telegram hangs up, the update is still finished (and a retry is a duplicate).
        var handled = await dispatcher.EnqueueAsync(update, lifetime.ApplicationStopping);
        await handled;
        return Results.Ok();
    }

    private bool HasSecret(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(SecretHeader, out var values) || values.Count != 1 || values[0] is not { } value)
            return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), _secret);
    }
}
