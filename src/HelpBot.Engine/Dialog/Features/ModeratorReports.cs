using System.Globalization;
using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Moderation;
using HelpBot.Engine.Moderation.Desk;
using HelpBot.Engine.Storage;
using static HelpBot.Engine.Dialog.DialogBasics;

namespace HelpBot.Engine.Dialog.Features;

/// <summary>The moderators' view of their community: <c>/stats</c> with a chart and the review queue's size, <c>/export</c> as CSV, and <c>/reload</c> of the content.</summary>
internal sealed class ModeratorReports(IContentProvider content, IModerationStore? moderation, IReportRenderer? reports, IContentReloader? reloader, Review review)
{
    public async ValueTask<Reply> StatsCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        var days = 30;
        if (argument.Length > 0 && (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > 3650))
            return Say(context, TextKey.StatsUsage);
        var report = await StatsDesk.ReportAsync(moderation!, context.Turn.Community, context.Now, days, context.Guide.StepCount, cancellationToken);

        var texts = context.Texts;
        var none = texts[TextKey.StatsNone];
        var text = new StringBuilder()
            .AppendLine(texts.Format(TextKey.StatsTitle, ("days", days.ToString(CultureInfo.InvariantCulture))))
            .AppendLine(texts.Format(TextKey.StatsUsers, ("count", report.Users.ToString(CultureInfo.InvariantCulture))))
            .AppendLine(texts.Format(TextKey.StatsHelpful,
                ("yes", report.HelpfulYes.ToString(CultureInfo.InvariantCulture)),
                ("no", report.HelpfulNo.ToString(CultureInfo.InvariantCulture)),
                ("rate", report.HelpfulRate is { } rate ? StatsReport.Percent(rate) : none)))
            .AppendLine(texts.Format(TextKey.StatsQuestions,
                ("asked", report.QuestionsAsked.ToString(CultureInfo.InvariantCulture)),
                ("answered", report.QuestionsAnswered.ToString(CultureInfo.InvariantCulture)),
                ("median", report.MedianTimeToAnswer is { } median ? FormatDuration(median) : none)));
        if (await review.CountsAsync(context, cancellationToken) is { } counts)
        {
            text.AppendLine(texts.Format(TextKey.StatsReview,
                ("queue", counts.Queue.ToString(CultureInfo.InvariantCulture)),
                ("labels", counts.Labels.ToString(CultureInfo.InvariantCulture))));
        }
        text.Append(texts[TextKey.StatsFunnel]);
        for (var step = 0; step < report.Funnel.Count; step++)
            text.Append(CultureInfo.InvariantCulture, $" {step + 1}/{report.Funnel.Count}: {report.Funnel[step]};");
        text.AppendLine().Append(texts[TextKey.StatsUnmatched]);
        if (report.TopUnmatched.Count == 0)
            text.Append(' ').Append(none);
        foreach (var (unmatched, count) in report.TopUnmatched)
            text.Append("\n• ").Append(Markup.Escape(Shorten(unmatched))).Append(" × ").Append(count.ToString(CultureInfo.InvariantCulture));

        var message = new OutgoingMessage(text.ToString());
        if (reports is not null)
            message = message with { Attachments = [reports.StatsChart(report, texts[TextKey.ChartTitle], texts[TextKey.StatsFunnel], texts[TextKey.ButtonHelpful])] };
        return new Reply(message);
    }

    public async ValueTask<Reply> ExportCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        if (reports is null)
            return NoSection(context);
        return new Reply(new OutgoingMessage(context.Texts[TextKey.ExportDone])
        {
            Attachments = await StatsDesk.ExportFilesAsync(moderation!, reports, context.Turn.Community, cancellationToken),
        });
    }

    public ValueTask<Reply> ReloadCommand(TurnContext context, string argument, CancellationToken cancellationToken)
    {
        var errors = reloader?.Reload() ?? [];
        if (errors.Count > 0)
        {
            var text = new StringBuilder(context.Texts[TextKey.ReloadFailed]);
            foreach (var error in errors.Take(10))
                text.Append("\n• ").Append(Markup.Escape(error.ToString()));
            return ValueTask.FromResult(new Reply(new OutgoingMessage(text.ToString())));
        }
        var catalog = content.Current;
        return ValueTask.FromResult(Say(context, TextKey.ReloadDone,
            ("languages", string.Join(", ", catalog.Languages.Keys)), ("guides", string.Join(", ", catalog.GuideIds))));
    }

    private static string FormatDuration(TimeSpan duration) =>
        duration.TotalHours >= 1
            ? $"{(int)duration.TotalHours} h {duration.Minutes} min"
            : $"{Math.Max(1, (int)Math.Round(duration.TotalMinutes))} min";
}
