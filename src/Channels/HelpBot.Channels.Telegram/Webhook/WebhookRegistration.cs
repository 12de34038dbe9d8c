using HelpBot.Channels.Telegram.Setup;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Telegram.Webhook;

/// <summary>Webhook mode: tells Telegram the address and secret, in the background so the endpoint serves meanwhile.</summary>
internal sealed class WebhookRegistration(BotSetup setup, IOptions<TelegramOptions> options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Mode == TelegramMode.Webhook ? setup.PrepareAsync(webhook: true, stoppingToken) : Task.CompletedTask;
}
