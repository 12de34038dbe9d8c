using System.Globalization;
using System.Text;
using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Transcripts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Console;

/// <summary>
/// A chat in the terminal: each line is a turn, buttons are shown numbered and pressed by typing the number
/// (or the label in brackets). The end of input stops the host. Input that is not a terminal and ends before its first
/// line (a container run without <c>-it</c>: nobody will ever type) gets no greeting; <see cref="EndedBeforeInput"/> says so.
/// </summary>
public sealed class ConsoleChannel(
    IDialogEngine engine,
    IOptions<ConsoleOptions> options,
    IHostApplicationLifetime lifetime,
    ConsoleIo io) : BackgroundService
{
    public const string ChannelName = "console";

    /// <summary>The input was not a terminal and ended before its first line: the chat never began.</summary>
    public bool EndedBeforeInput { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let host start-up finish before taking the terminal.
        await Task.Yield();
        var settings = options.Value;
        var locale = settings.Locale ?? CultureInfo.CurrentUICulture.Name;
        using var recorder = settings.Record is { } path ? new TranscriptRecorder(new StreamWriter(path, append: false, new UTF8Encoding(false))) : null;
        recorder?.WriteHeader(string.IsNullOrEmpty(locale) ? TranscriptParser.DefaultLocale : locale, settings.UserId);

        // A person at a terminal needs the greeting before typing; piped input is read ahead, so an empty one is told
        // apart before anything is written (the output of piped lines stays the same, only written later).
        var firstLine = io.InputIsTerminal ? null : await io.Input.ReadLineAsync(stoppingToken);
        if (!io.InputIsTerminal && firstLine is null)
        {
            EndedBeforeInput = true;
            lifetime.StopApplication();
            return;
        }

        IReadOnlyList<Button> offered = [];
        await Render(await engine.HandleAsync(Turn.FromText(ChannelName, settings.UserId, settings.UserId, locale, "/start"), stoppingToken), ref offered);
        while (!stoppingToken.IsCancellationRequested)
        {
            await io.Output.WriteAsync("> ");
            var line = firstLine ?? await io.Input.ReadLineAsync(stoppingToken);
            firstLine = null;
            if (line is null)
                break;

            var button = ConsoleInput.FindButton(line, offered);
            var turn = (button is null
                ? Turn.FromText(ChannelName, settings.UserId, settings.UserId, locale, line)
                : Turn.FromAction(ChannelName, settings.UserId, settings.UserId, locale, button.Action)) with { IsModerator = settings.Moderator, PrivateReplies = true };
            var reply = await engine.HandleAsync(turn, stoppingToken);
            recorder?.Record(button is null ? line : "[" + button.Label + "]", reply);
            await Render(reply, ref offered);
        }
        lifetime.StopApplication();
    }

    private string SaveAttachment(Attachment attachment)
    {
        var folder = Path.GetFullPath(options.Value.AttachmentsPath);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Path.GetFileName(attachment.FileName));
        File.WriteAllBytes(path, attachment.Data);
        return path;
    }

    private Task Render(Reply reply, ref IReadOnlyList<Button> offered)
    {
        var text = new StringBuilder();
        var number = 0;
        var lastWithButtons = reply.Messages.LastOrDefault(m => m.Buttons.Count > 0);
        foreach (var message in reply.Messages)
        {
            text.AppendLine().AppendLine(Markup.ToPlainText(message.Text));
            foreach (var attachment in message.Attachments)
                text.AppendLine("  📎 " + SaveAttachment(attachment));
            if (message != lastWithButtons)
                continue;
            foreach (var row in message.Buttons)
            {
                text.Append(' ');
                foreach (var button in row)
                    text.Append(CultureInfo.InvariantCulture, $" [{++number}] {button.Label}");
                text.AppendLine();
            }
        }
        if (lastWithButtons is not null)
            offered = lastWithButtons.AllButtons.ToList();
        return io.Output.WriteAsync(text.ToString());
    }
}

/// <summary>The terminal's streams, replaceable in tests.</summary>
public sealed class ConsoleIo(TextReader input, TextWriter output, bool inputIsTerminal = true)
{
    public TextReader Input { get; } = input;

    public TextWriter Output { get; } = output;

    /// <summary>Someone may be typing: input is not redirected from a file, a pipe or /dev/null.</summary>
    public bool InputIsTerminal { get; } = inputIsTerminal;
}
