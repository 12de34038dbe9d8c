using HelpBot.Channels.Console;
using HelpBot.Channels.Discord;
using HelpBot.Channels.Telegram;
using HelpBot.ConsoleState;
using HelpBot.Content;
using HelpBot.Delivery;
using HelpBot.Engine.Content;
using HelpBot.Engine.Delivery;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Storage;
using HelpBot.Engine.Understanding;
using HelpBot.Health;
using HelpBot.ModeratorConsole.Hosting;
using HelpBot.Reports;
using HelpBot.Understanding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HelpBot.Hosting;

public static class HelpBotServices
{
    /// <summary>Content, understanding and the dialog engine: everything but storage and channels.</summary>
    public static IHostApplicationBuilder AddDialogCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<ContentOptions, ContentOptionsValidator>()
            .BindConfiguration(ContentOptions.SectionName);
        builder.Services.AddSingleton<ReloadingContentProvider>();
        builder.Services.AddSingleton<IContentProvider>(sp => sp.GetRequiredService<ReloadingContentProvider>());
        builder.AddTextUnderstanding();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptionsWithValidateOnStart<DialogOptions, DialogOptionsValidator>()
            .BindConfiguration(DialogOptions.SectionName);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DialogOptions>>().Value);
        builder.Services.AddSingleton<IContentReloader>(sp => sp.GetRequiredService<ReloadingContentProvider>());
        // Moderators' labels (/review) go to the guides' examples files, then the content reloads and the reader retrains.
        builder.Services.AddSingleton<ITrainingExamples, ExamplesFileWriter>();
        // Moderators' saved answers (/faq) go to answers.yaml of each language, then the content reloads likewise.
        builder.Services.AddSingleton<ISavedAnswers, SavedAnswersFileWriter>();
        // The guides' texts as the moderators' console edits them, with a copy of each replaced file.
        builder.Services.AddSingleton<IContentFiles, ContentFiles>();

        // Moderators: where questions are posted, and the chart/CSV renderer for /stats and /export.
        builder.Services.AddOptionsWithValidateOnStart<ModerationOptions, ModerationOptionsValidator>()
            .BindConfiguration(ModerationOptions.SectionName);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ModerationOptions>>().Value);
        builder.Services.AddSingleton<IReportRenderer, ReportRenderer>();

        builder.Services.AddSingleton(sp => new DialogDependencies(sp.GetRequiredService<IContentProvider>(), sp.GetRequiredService<IConversationStore>())
        {
            Understanding = sp.GetRequiredService<ITextUnderstanding>(),
            Time = sp.GetRequiredService<TimeProvider>(),
            Options = sp.GetRequiredService<DialogOptions>(),
            Logger = sp.GetRequiredService<ILogger<DialogEngine>>(),
            Metrics = sp.GetRequiredService<DialogMetrics>(),
            Moderation = sp.GetService<IModerationStore>(),
            ModerationOptions = sp.GetRequiredService<ModerationOptions>(),
            Reports = sp.GetRequiredService<IReportRenderer>(),
            Reloader = sp.GetRequiredService<IContentReloader>(),
            Examples = sp.GetRequiredService<ITrainingExamples>(),
            SavedAnswers = sp.GetRequiredService<ISavedAnswers>(),
            ContentFiles = sp.GetRequiredService<IContentFiles>(),
            Reviews = sp.GetService<IReviewStore>(),
            Outbox = sp.GetService<OutboxFeed>(),
            ConsoleLinks = sp.GetService<IConsoleLinks>(),
        });
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<DialogMetrics>();
        builder.Services.AddSingleton(sp => new DialogEngine(sp.GetRequiredService<DialogDependencies>()));
        builder.Services.AddSingleton<IDialogEngine>(sp => sp.GetRequiredService<DialogEngine>());
        builder.Services.AddSingleton<ITextForms>(sp => sp.GetRequiredService<DialogEngine>());
        // The moderators' console calls the same operations as the chat commands, over the same dependencies.
        builder.Services.AddSingleton(sp => new HelpBot.Engine.Moderation.Desk.ModeratorDesk(sp.GetRequiredService<DialogDependencies>()));
        return builder;
    }

    /// <summary>The whole bot: core, storage and the channels the configuration asks for.</summary>
    public static IHostApplicationBuilder AddHelpBot(this IHostApplicationBuilder builder, ChannelPlan plan)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(plan);
        builder.AddDialogCore();
        // The console's stats read today's events on each load; only then do turns pay for a time index (LiteDB).
        builder.AddStorage(indexEventsByTime: plan.ModeratorConsole);

        // Every message the bot sends outside an HTTP response (replies, moderators' posts, answers) waits in the outbox
        // and goes out through its channel. Registered before the channels so that it stops after them and sends their last replies.
        builder.AddOutboxDelivery();
        builder.AddHealth();

        if (plan.Console)
        {
            // The terminal is the chat: logs go to standard error so they never interleave with it.
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.AddConsoleChannel();
        }
        if (plan.Telegram)
            builder.AddTelegramChannel();
        if (plan.Discord)
            builder.AddDiscordChannel();
        if (plan.ModeratorConsole)
            builder.AddConsoleState().AddModeratorConsole();
        if (!plan.ListensHttp)
            builder.Services.AddSingleton<IServer, NoHttpServer>();
        return builder;
    }
}
