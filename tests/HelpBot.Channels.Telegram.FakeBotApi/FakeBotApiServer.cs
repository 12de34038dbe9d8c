using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpBot.Channels.Telegram.FakeBotApi;

/// <summary>
/// A stand-in for api.telegram.org on 127.0.0.1 (a random port): <c>POST /bot{token}/{method}</c> like the real one.
/// It serves getUpdates from a queue the test fills, keeps the messages the bot sends and edits per chat, answers
/// the other calls the bot makes, records every call, refuses calls the published description does not allow,
/// and can be told to fail the next call of a method (429 with retry_after, 5xx, a dropped connection) or to hold it.
/// </summary>
public sealed class FakeBotApiServer : IAsyncDisposable
{
    /// <summary>The bot's user id; the default token starts with it, as real tokens do.</summary>
    public const long BotId = 123456789;

    private const string UploadsKey = "fake-bot-api-uploads";

    private readonly WebApplication _app;
    private readonly FakeBotApiOptions _options;
    private readonly Lock _gate = new();
    private readonly List<QueuedUpdate> _updates = [];
    private readonly Dictionary<long, ChatMessages> _chats = [];
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly Dictionary<string, Queue<PendingFault>> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HeldCall> _holds = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextUpdateId = 1000;

    private FakeBotApiServer(WebApplication app, FakeBotApiOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>Called for every message the bot sends or edits (chat, message, method); the load benchmark measures latency here.</summary>
    public event Action<long, SentMessage, string>? BotMessage;

    public string BaseUrl { get; private set; } = "";

    public string Token => _options.Token;

    /// <summary>
    /// Settings that point the bot's Telegram channel at this server for a load run: short long polls, and Telegram's
    /// send limits (30 messages/s, 1/s per chat) off, as they would measure nothing but themselves.
    /// </summary>
    public Dictionary<string, string?> LoadRunSettings() => new()
    {
        ["Telegram:Token"] = Token,
        ["Telegram:ApiBaseUrl"] = BaseUrl,
        ["Telegram:PollingTimeoutSeconds"] = "1",
        ["Telegram:MessagesPerSecond"] = "0",
        ["Telegram:ChatMessagesPerSecond"] = "0",
        ["Telegram:GroupMessagesPerMinute"] = "0",
    };

    public string Username => _options.BotUsername;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Calls Telegram would have refused, with the reason; a test that sees any has found a bug.</summary>
    public IReadOnlyList<string> Violations => [.. _violations];

    public static async Task<FakeBotApiServer> StartAsync(FakeBotApiOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeBotApiOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeBotApiServer(app, options);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return fake;
    }

    public IReadOnlyList<RecordedRequest> Calls(string method) => _requests.Where(r => r.Method == method).ToList();

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> get <paramref name="fault"/> (<see cref="int.MaxValue"/>: until <see cref="ClearFaults"/>).</summary>
    public void Fail(string method, Fault fault, int times = 1)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(method, out var queue))
                _faults[method] = queue = new Queue<PendingFault>();
            queue.Enqueue(new PendingFault(fault, times));
        }
    }

    /// <summary>Ends the faults still queued for <paramref name="method"/> (the outage is over).</summary>
    public void ClearFaults(string method)
    {
        lock (_gate)
            _faults.Remove(method);
    }

    /// <summary>
    /// The next call of <paramref name="method"/> is served only once <paramref name="release"/> completes, as by a slow
    /// API; the task returned completes when that call has come.
    /// </summary>
    public Task HoldNext(string method, Task release)
    {
        var held = new HeldCall(release);
        lock (_gate)
            _holds[method] = held;
        return held.Came.Task;
    }

    // ---- updates the "users" send ----

    public static JsonObject User(long userId, string? languageCode) => new()
    {
        ["id"] = userId,
        ["is_bot"] = false,
        ["first_name"] = "User" + userId.ToString(CultureInfo.InvariantCulture),
        ["language_code"] = languageCode,
    };

    public static JsonObject Chat(long chatId) => chatId > 0
        ? new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = "User" + chatId.ToString(CultureInfo.InvariantCulture) }
        : new JsonObject { ["id"] = chatId, ["type"] = "supergroup", ["title"] = "Group " + chatId.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A text message from <paramref name="userId"/>, in their private chat unless <paramref name="chatId"/> names a group.</summary>
    public JsonObject TextMessage(long userId, string text, string? languageCode = "ru", long? chatId = null, int? replyTo = null)
    {
        var chat = chatId ?? userId;
        var message = new JsonObject
        {
            ["message_id"] = NextMessageId(chat),
            ["from"] = User(userId, languageCode),
            ["chat"] = Chat(chat),
            ["date"] = Now(),
            ["text"] = text,
        };
        if (text.StartsWith('/'))
        {
            var length = text.IndexOfAny([' ', '\n']) is var end and >= 0 ? end : text.Length;
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length });
        }
        if (replyTo is { } id && Message(chat, id) is { } original)
            message["reply_to_message"] = MessageJson(original);
        return new JsonObject { ["message"] = message };
    }

    /// <summary>A press of a button with <paramref name="data"/> on the bot's message <paramref name="message"/>.</summary>
    public JsonObject ButtonPress(long userId, SentMessage message, string data, string? languageCode = "ru") => new()
    {
        ["callback_query"] = new JsonObject
        {
            ["id"] = "cq" + Guid.NewGuid().ToString("N"),
            ["from"] = User(userId, languageCode),
            ["message"] = MessageJson(message),
            ["chat_instance"] = "ci" + message.ChatId.ToString(CultureInfo.InvariantCulture),
            ["data"] = data,
        },
    };

    /// <summary>Queues an update for getUpdates; gives it the next update_id unless it has one. Returns the id.</summary>
    public int Enqueue(JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update["update_id"]?.GetValue<int>() is { } id)
        {
            EnqueueRaw(id, update.ToJsonString());
            return id;
        }
        return Enqueue(next =>
        {
            update["update_id"] = next;
            return update.ToJsonString();
        });
    }

    /// <summary>
    /// Queues the update <paramref name="json"/> writes for the id it is given. Ids are handed out under the queue's lock,
    /// so, as at Telegram, a later update always has a higher id (concurrent senders cannot queue an id below a confirmed one).
    /// </summary>
    public int Enqueue(Func<int, string> json)
    {
        ArgumentNullException.ThrowIfNull(json);
        lock (_gate)
        {
            var id = ++_nextUpdateId;
            _updates.Add(new QueuedUpdate(id, json(id)));
            Signal();
            return id;
        }
    }

    /// <summary>Queues any JSON text as an update (malformed ones included); <paramref name="id"/> orders it in the queue.</summary>
    public void EnqueueRaw(int id, string json)
    {
        lock (_gate)
        {
            _updates.Add(new QueuedUpdate(id, json));
            Signal();
        }
    }

    public int NextUpdateId()
    {
        lock (_gate)
            return ++_nextUpdateId;
    }

    public int SendText(long userId, string text, string? languageCode = "ru", long? chatId = null, int? replyTo = null) =>
        Enqueue(TextMessage(userId, text, languageCode, chatId, replyTo));

    public int PressButton(long userId, SentMessage message, string data, string? languageCode = "ru") =>
        Enqueue(ButtonPress(userId, message, data, languageCode));

    /// <summary>Makes a confirmed update pending again, as when a bot stopped before its confirming getUpdates reached Telegram.</summary>
    public void Unconfirm(int updateId)
    {
        lock (_gate)
        {
            foreach (var update in _updates.Where(u => u.Id == updateId))
                update.Confirmed = false;
            Signal();
        }
    }

    /// <summary>The JSON of a queued update, as the bot receives it.</summary>
    public string UpdateJson(int updateId)
    {
        lock (_gate)
            return _updates.First(u => u.Id == updateId).Json;
    }

    /// <summary>Whether every queued update has been confirmed by a later getUpdates offset.</summary>
    public bool AllConfirmed
    {
        get { lock (_gate) return _updates.All(u => u.Confirmed); }
    }

    // ---- what the bot sent ----

    public IReadOnlyList<SentMessage> Messages(long chatId)
    {
        lock (_gate)
            return _chats.TryGetValue(chatId, out var chat) ? [.. chat.Messages.Values] : [];
    }

    public SentMessage? Message(long chatId, int messageId)
    {
        lock (_gate)
            return _chats.TryGetValue(chatId, out var chat) ? chat.Messages.GetValueOrDefault(messageId) : null;
    }

    /// <summary>Waits until a call matching <paramref name="match"/> has been recorded (counting earlier ones).</summary>
    public Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(requests => requests.FirstOrDefault(match), timeout, cancellationToken);

    /// <summary>Waits until every queued update has been confirmed (<see cref="AllConfirmed"/>).</summary>
    public Task WaitForAllConfirmedAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(requests => AllConfirmed && requests.Count > 0 ? requests[^1] : null, timeout, cancellationToken);

    /// <summary>The <paramref name="count"/>-th (1-based) successful message call (sent, edited, photo, document) into <paramref name="chatId"/>.</summary>
    public Task<RecordedRequest> WaitForMessageAsync(long chatId, int count = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(requests => requests.Where(r => IsMessageCall(r) && ChatOf(r) == chatId && r.Status == 200).Skip(count - 1).FirstOrDefault(), timeout, cancellationToken);

    private async Task<RecordedRequest> WaitUntilAsync(Func<IReadOnlyList<RecordedRequest>, RecordedRequest?> find, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_gate)
                changed = _changed.Task;
            if (find(Requests) is { } found)
                return found;
            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("the bot did not make the expected call; it made: "
                    + string.Join(", ", _requests.Select(r => r.Method + (r.Status == 200 ? "" : " → " + r.Status.ToString(CultureInfo.InvariantCulture))))
                    + (_violations.IsEmpty ? "" : "; refused as not Telegram's API: " + string.Join("; ", _violations)));
            }
        }
    }

    /// <summary>Waits until the bot has answered the query of <paramref name="press"/> (made the call, whatever the fake said).</summary>
    public Task<RecordedRequest> WaitForAnswerAsync(JsonObject press, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var queryId = QueryIdOf(press);
        return WaitForAsync(r => IsAnswerTo(r, queryId), timeout, cancellationToken);
    }

    public static string QueryIdOf(JsonObject press) => press?["callback_query"]?["id"]?.GetValue<string>() ?? throw new ArgumentException("not a button press", nameof(press));

    public static bool IsAnswerTo(RecordedRequest request, string queryId) =>
        request?.Method == "answerCallbackQuery" && request.Parameters["callback_query_id"]?.GetValue<string>() == queryId;

    public static bool IsMessageCall(RecordedRequest request) => request?.Method is "sendMessage" or "editMessageText" or "sendPhoto" or "sendDocument";

    public static long? ChatOf(RecordedRequest request) =>
        request?.Parameters["chat_id"] is JsonValue v && v.TryGetValue<long>(out var id) ? id : null;

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
            Signal();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ---- the server ----

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var slash = path.LastIndexOf('/');
        var token = slash > 4 && path.StartsWith("/bot", StringComparison.Ordinal) ? path[4..slash] : null;
        var method = path[(slash + 1)..];
        if (token != _options.Token)
        {
            await WriteErrorAsync(context, 401, "Unauthorized");
            return;
        }

        JsonObject parameters;
        try
        {
            parameters = await ReadParametersAsync(context.Request);
        }
        catch (JsonException ex)
        {
            _violations.Enqueue($"{method}: body is not JSON ({ex.Message})");
            await WriteErrorAsync(context, 400, "Bad Request: invalid JSON");
            return;
        }

        var uploads = context.Items[UploadsKey] as Dictionary<string, string> ?? [];
        var problems = _options.CheckCalls ? BotApiSpec.Default.CheckCall(method, parameters).Concat(DescriptionRules.Check(method, parameters)).ToList() : [];
        foreach (var (name, value) in parameters)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is var text
                && text.StartsWith("attach://", StringComparison.Ordinal) && !uploads.ContainsKey(text["attach://".Length..]))
                problems.Add($"{method}: {name} refers to {text}, but no such file part was uploaded");
        }
        HeldCall? held;
        lock (_gate)
            _holds.Remove(method, out held);
        if (held is not null)
        {
            held.Came.TrySetResult();
            await held.Release.WaitAsync(context.RequestAborted);
        }

        Fault? fault = null;
        if (problems.Count == 0)
        {
            lock (_gate)
            {
                if (_faults.TryGetValue(method, out var queue) && queue.Count > 0)
                {
                    var pending = queue.Peek();
                    fault = pending.Fault;
                    if (--pending.Left == 0)
                        queue.Dequeue();
                }
            }
        }

        if (fault is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            // A caller that dies while waiting (the point of a slow answer) gets nothing, as from a real server.
            await Task.Delay(delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            if (context.RequestAborted.IsCancellationRequested)
                return;
            fault = null;
        }

        int status;
        int? messageId = null;
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
                _violations.Enqueue(problem);
            status = 400;
            await WriteErrorAsync(context, status, "Bad Request: " + problems[0]);
        }
        else if (fault is { DropConnection: true })
        {
            status = 0;
            context.Abort();
        }
        else if (fault is not null)
        {
            status = fault.Status;
            await WriteErrorAsync(context, fault.Status, fault.Description, fault.RetryAfter);
        }
        else
        {
            (status, messageId) = await AnswerAsync(context, method, parameters, uploads);
        }

        if (_options.Record || status != 200)
            _requests.Enqueue(new RecordedRequest(method, parameters, _options.Clock.GetUtcNow(), status, messageId));
        lock (_gate)
            Signal();
    }

    private async Task<(int Status, int? MessageId)> AnswerAsync(HttpContext context, string method, JsonObject parameters, Dictionary<string, string> uploads)
    {
        switch (method)
        {
            case "getUpdates":
                await WriteUpdatesAsync(context, parameters);
                return (200, null);
            case "getMe":
                await WriteResultAsync(context, w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", BotId);
                    w.WriteBoolean("is_bot", true);
                    w.WriteString("first_name", "HelpBot");
                    w.WriteString("username", _options.BotUsername);
                    w.WriteEndObject();
                });
                return (200, null);
            case "deleteWebhook" or "setWebhook" or "setMyCommands" or "setChatMenuButton" or "answerCallbackQuery":
                await WriteResultAsync(context, w => w.WriteBooleanValue(true));
                return (200, null);
            case "sendMessage":
                return await SendMessageAsync(context, parameters);
            case "editMessageText":
                return await EditMessageTextAsync(context, parameters);
            case "sendPhoto" or "sendDocument":
                return await SendFileAsync(context, method, parameters, uploads);
            default:
                _violations.Enqueue($"{method}: a real Bot API method, but the fake does not serve it");
                await WriteErrorAsync(context, 501, "the fake does not serve " + method);
                return (501, null);
        }
    }

    private async Task<(int, int?)> SendMessageAsync(HttpContext context, JsonObject parameters)
    {
        var chatId = parameters["chat_id"]!.GetValue<long>();
        var html = parameters["text"]!.GetValue<string>();
        var message = new SentMessage(chatId, NextMessageId(chatId), html, Visible(parameters, html), parameters["reply_markup"]?.DeepClone() as JsonObject);
        lock (_gate)
            ChatOfId(chatId).Add(message);
        BotMessage?.Invoke(chatId, message, "sendMessage");
        await WriteResultAsync(context, w => WriteMessage(w, message));
        return (200, message.MessageId);
    }

    private async Task<(int, int?)> SendFileAsync(HttpContext context, string method, JsonObject parameters, Dictionary<string, string> uploads)
    {
        var chatId = parameters["chat_id"]!.GetValue<long>();
        var field = method == "sendPhoto" ? "photo" : "document";
        var file = parameters[field]?.GetValue<string>() ?? "";
        var upload = file.StartsWith("attach://", StringComparison.Ordinal) ? uploads.GetValueOrDefault(file["attach://".Length..]) : null;
        var message = new SentMessage(chatId, NextMessageId(chatId), "", upload ?? file, null) { File = upload ?? file, Kind = field };
        lock (_gate)
            ChatOfId(chatId).Add(message);
        BotMessage?.Invoke(chatId, message, method);
        await WriteResultAsync(context, w => WriteMessage(w, message));
        return (200, message.MessageId);
    }

    private async Task<(int, int?)> EditMessageTextAsync(HttpContext context, JsonObject parameters)
    {
        var chatId = parameters["chat_id"]!.GetValue<long>();
        var messageId = parameters["message_id"]!.GetValue<int>();
        var html = parameters["text"]!.GetValue<string>();
        var markup = parameters["reply_markup"]?.DeepClone() as JsonObject;
        SentMessage? edited = null;
        string? error = null;
        lock (_gate)
        {
            var chat = ChatOfId(chatId);
            if (!chat.Messages.TryGetValue(messageId, out var current))
                error = "message to edit not found";
            else if (current.Html == html && JsonNode.DeepEquals(current.ReplyMarkup, markup))
                error = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
            else
                chat.Messages[messageId] = edited = current with { Html = html, Text = Visible(parameters, html), ReplyMarkup = markup };
        }
        if (edited is null)
        {
            await WriteErrorAsync(context, 400, "Bad Request: " + error);
            return (400, null);
        }
        BotMessage?.Invoke(chatId, edited, "editMessageText");
        await WriteResultAsync(context, w => WriteMessage(w, edited));
        return (200, edited.MessageId);
    }

    private async Task WriteUpdatesAsync(HttpContext context, JsonObject parameters)
    {
        int? offset = parameters["offset"] is JsonValue o ? o.GetValue<int>() : null;
        var limit = parameters["limit"] is JsonValue l ? l.GetValue<int>() : 100;
        var timeout = TimeSpan.FromSeconds(parameters["timeout"] is JsonValue t ? t.GetValue<int>() : 0);
        // The long poll is the server's real-time behaviour: it waits for an update, at most this long on the real clock.
        using var longPoll = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        longPoll.CancelAfter(timeout < _options.MaxLongPoll ? timeout : _options.MaxLongPoll);
        List<QueuedUpdate> batch;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (offset is { } confirmedBelow)
                {
                    // Confirmed updates are gone for good at Telegram; a recording fake keeps them for Unconfirm and UpdateJson.
                    if (_options.Record)
                    {
                        foreach (var update in _updates.Where(u => u.Id < confirmedBelow))
                            update.Confirmed = true;
                    }
                    else
                    {
                        _updates.RemoveAll(u => u.Id < confirmedBelow);
                    }
                }
                batch = _updates.Where(u => !u.Confirmed).OrderBy(u => u.Id).Take(limit).ToList();
                changed = _changed.Task;
            }
            if (batch.Count > 0 || longPoll.IsCancellationRequested)
                break;
            try
            {
                await changed.WaitAsync(longPoll.Token);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                // The poll's time is up: answer with what there is (nothing).
            }
        }
        context.Response.ContentType = "application/json";
        var body = new StringBuilder("{\"ok\":true,\"result\":[");
        body.AppendJoin(',', batch.Select(u => u.Json));
        body.Append("]}");
        await context.Response.WriteAsync(body.ToString());
    }

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        var parameters = new JsonObject();
        foreach (var (key, value) in request.Query)
            parameters[key] = value.ToString();
        if (request.HasFormContentType)
        {
            // Telegram.Bot writes each top-level value's JSON text as a part (objects as JSON, strings bare) and files as parts "0", "1"…
            var form = await request.ReadFormAsync();
            foreach (var (key, value) in form)
                parameters[key] = FormValue(value.ToString());
            request.HttpContext.Items[UploadsKey] = form.Files.ToDictionary(f => f.Name, f => $"{f.FileName} ({f.Length} bytes)", StringComparer.Ordinal);
            return parameters;
        }
        if (request.ContentLength is 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0))
            return parameters;
        var body = await JsonNode.ParseAsync(request.Body) as JsonObject ?? throw new JsonException("the body is not a JSON object");
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            parameters[key] = value;
        }
        return parameters;
    }

    private static JsonNode? FormValue(string text)
    {
        if (text.Length > 0 && (text[0] is '{' or '[' || text is "true" or "false" || long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON after all: a plain string.
            }
        }
        return JsonValue.Create(text);
    }

    private static string Visible(JsonObject parameters, string text) =>
        string.Equals(parameters["parse_mode"]?.GetValue<string>(), "HTML", StringComparison.OrdinalIgnoreCase) && TelegramHtml.TryParse(text, out var visible, out _) ? visible : text;

    private static Task WriteErrorAsync(HttpContext context, int status, string description, int? retryAfter = null) =>
        WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", false);
            w.WriteNumber("error_code", status);
            w.WriteString("description", description);
            if (retryAfter is { } seconds)
            {
                w.WriteStartObject("parameters");
                w.WriteNumber("retry_after", seconds);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });

    private static Task WriteResultAsync(HttpContext context, Action<Utf8JsonWriter> result) =>
        WriteAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WritePropertyName("result");
            result(w);
            w.WriteEndObject();
        });

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
            body(writer);
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    private void WriteMessage(Utf8JsonWriter w, SentMessage message)
    {
        w.WriteStartObject();
        w.WriteNumber("message_id", message.MessageId);
        w.WriteStartObject("from");
        w.WriteNumber("id", BotId);
        w.WriteBoolean("is_bot", true);
        w.WriteString("first_name", "HelpBot");
        w.WriteString("username", _options.BotUsername);
        w.WriteEndObject();
        w.WritePropertyName("chat");
        Chat(message.ChatId).WriteTo(w);
        w.WriteNumber("date", Now());
        w.WriteString("text", message.Text);
        if (message.ReplyMarkup is { } markup)
        {
            w.WritePropertyName("reply_markup");
            markup.WriteTo(w);
        }
        w.WriteEndObject();
    }

    private JsonObject MessageJson(SentMessage message)
    {
        var json = new JsonObject
        {
            ["message_id"] = message.MessageId,
            ["from"] = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "HelpBot", ["username"] = _options.BotUsername },
            ["chat"] = Chat(message.ChatId),
            ["date"] = Now(),
            ["text"] = message.Text,
        };
        if (message.ReplyMarkup is { } markup)
            json["reply_markup"] = markup.DeepClone();
        return json;
    }

    private int NextMessageId(long chatId)
    {
        lock (_gate)
            return ++ChatOfId(chatId).LastMessageId;
    }

    private ChatMessages ChatOfId(long chatId)
    {
        if (!_chats.TryGetValue(chatId, out var chat))
            _chats[chatId] = chat = new ChatMessages();
        return chat;
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private long Now() => _options.Clock.GetUtcNow().ToUnixTimeSeconds();

    private sealed class PendingFault(Fault fault, int times)
    {
        public Fault Fault { get; } = fault;

        public int Left { get; set; } = times;
    }

    private sealed class HeldCall(Task release)
    {
        public Task Release { get; } = release;

        public TaskCompletionSource Came { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class QueuedUpdate(int id, string json)
    {
        public int Id { get; } = id;

        public string Json { get; } = json;

        public bool Confirmed { get; set; }
    }

    /// <summary>The last messages of one chat: ids count up; old ones are dropped so long benchmark runs stay small.</summary>
    private sealed class ChatMessages
    {
        private const int Kept = 50;

        public int LastMessageId { get; set; }

        public SortedList<int, SentMessage> Messages { get; } = [];

        public void Add(SentMessage message)
        {
            Messages[message.MessageId] = message;
            if (Messages.Count > Kept)
                Messages.RemoveAt(0);
        }
    }
}
