using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HelpBot.Channels.Telegram.FakeBotApi;

/// <summary>
/// Rules the Bot API states only in prose, which the machine-readable description cannot carry:
/// lengths, the either-or parameters of editMessageText, callback_data bytes, command names, HTML that parses.
/// </summary>
public static partial class DescriptionRules
{
    public const int MaxTextLength = 4096;

    private static readonly HashSet<string> UpdateKinds = new(StringComparer.Ordinal)
    {
        "message", "edited_message", "channel_post", "edited_channel_post", "business_connection", "business_message",
        "edited_business_message", "deleted_business_messages", "guest_message", "message_reaction", "message_reaction_count",
        "inline_query", "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query", "purchased_paid_media",
        "poll", "poll_answer", "my_chat_member", "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost", "managed_bot",
    };

    public static IReadOnlyList<string> Check(string method, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = new List<string>();
        switch (method)
        {
            case "sendMessage":
                CheckText(method, parameters, problems, required: true);
                break;
            case "editMessageText":
                if (!parameters.ContainsKey("inline_message_id") && !(parameters.ContainsKey("chat_id") && parameters.ContainsKey("message_id")))
                    problems.Add("editMessageText: chat_id and message_id are required unless inline_message_id is given");
                CheckText(method, parameters, problems, required: !parameters.ContainsKey("rich_message"));
                break;
            case "answerCallbackQuery":
                if (String(parameters, "text") is { Length: > 200 })
                    problems.Add("answerCallbackQuery: text over 200 characters");
                break;
            case "setMyCommands":
                CheckCommands(parameters, problems);
                break;
            case "setWebhook":
                if (String(parameters, "url") is { } url && url.Length > 0 && !url.StartsWith("https://", StringComparison.Ordinal))
                    problems.Add("setWebhook: url must be HTTPS");
                if (String(parameters, "secret_token") is { } secret && !SecretToken().IsMatch(secret))
                    problems.Add("setWebhook: secret_token must be 1-256 of A-Z a-z 0-9 _ -");
                CheckAllowedUpdates(method, parameters, problems);
                break;
            case "getUpdates":
                if (Integer(parameters, "limit") is < 1 or > 100)
                    problems.Add("getUpdates: limit must be 1-100");
                if (Integer(parameters, "timeout") is < 0)
                    problems.Add("getUpdates: timeout must not be negative");
                CheckAllowedUpdates(method, parameters, problems);
                break;
        }
        if (parameters["reply_markup"] is JsonObject markup)
            CheckKeyboard(method, markup, problems);
        return problems;
    }

    private static void CheckText(string method, JsonObject parameters, List<string> problems, bool required)
    {
        var text = String(parameters, "text");
        if (text is null)
        {
            if (required)
                problems.Add($"{method}: text is required");
            return;
        }
        // The documented names are HTML, MarkdownV2 and Markdown; the server reads them case-insensitively (Telegram.Bot sends "Html").
        var mode = String(parameters, "parse_mode")?.ToUpperInvariant();
        if (mode is not (null or "HTML" or "MARKDOWNV2" or "MARKDOWN"))
            problems.Add($"{method}: unknown parse_mode '{String(parameters, "parse_mode")}'");
        var visible = text;
        if (mode == "HTML" && !TelegramHtml.TryParse(text, out visible, out var error))
            problems.Add($"{method}: Bad Request: can't parse entities: {error}");
        if (visible.Trim().Length == 0)
            problems.Add($"{method}: Bad Request: message text is empty");
        if (visible.Length > MaxTextLength)
            problems.Add($"{method}: Bad Request: message is too long ({visible.Length} > {MaxTextLength})");
    }

    private static void CheckKeyboard(string method, JsonObject markup, List<string> problems)
    {
        if (markup["inline_keyboard"] is not JsonArray rows)
            return;
        foreach (var row in rows.OfType<JsonArray>())
        {
            foreach (var button in row.OfType<JsonObject>())
            {
                if (String(button, "text") is not { Length: > 0 })
                    problems.Add($"{method}: a button without text");
                if (String(button, "callback_data") is { } data && Encoding.UTF8.GetByteCount(data) is < 1 or > 64)
                    problems.Add($"{method}: callback_data must be 1-64 bytes, got {Encoding.UTF8.GetByteCount(data)}");
                var actions = button.Count(p => p.Key is not ("text" or "icon_custom_emoji_id" or "style"));
                if (actions != 1)
                    problems.Add($"{method}: an inline button needs exactly one action field, got {actions}");
            }
        }
    }

    private static void CheckCommands(JsonObject parameters, List<string> problems)
    {
        if (parameters["commands"] is JsonArray commands)
        {
            if (commands.Count > 100)
                problems.Add("setMyCommands: at most 100 commands");
            foreach (var command in commands.OfType<JsonObject>())
            {
                if (String(command, "command") is not { } name || !CommandName().IsMatch(name))
                    problems.Add($"setMyCommands: command '{String(command, "command")}' must be 1-32 of a-z 0-9 _");
                if (String(command, "description") is not { Length: >= 1 and <= 256 })
                    problems.Add("setMyCommands: description must be 1-256 characters");
            }
        }
        if (String(parameters, "language_code") is { } code && code.Length > 0 && !LanguageCode().IsMatch(code))
            problems.Add($"setMyCommands: language_code '{code}' is not a two-letter ISO 639-1 code");
    }

    private static void CheckAllowedUpdates(string method, JsonObject parameters, List<string> problems)
    {
        if (parameters["allowed_updates"] is not JsonArray kinds)
            return;
        foreach (var kind in kinds)
        {
            if (kind?.GetValueKind() != JsonValueKind.String || !UpdateKinds.Contains(kind.GetValue<string>()))
                problems.Add($"{method}: allowed_updates has '{kind}', not an update kind");
        }
    }

    private static string? String(JsonObject value, string name) =>
        value[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static long? Integer(JsonObject value, string name) =>
        value[name] is JsonValue v && v.TryGetValue<long>(out var number) ? number : null;

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandName();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretToken();
}
