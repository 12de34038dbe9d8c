using HelpBot.Engine.Moderation;
using Microsoft.Extensions.Options;

namespace HelpBot.Hosting;

/// <summary>Every moderators' chat needs a channel and a chat id, or questions would silently go nowhere.</summary>
internal sealed class ModerationOptionsValidator : IValidateOptions<ModerationOptions>
{
    public ValidateOptionsResult Validate(string? name, ModerationOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        for (var i = 0; i < options.Chats.Count; i++)
        {
            var chat = options.Chats[i];
            if (string.IsNullOrWhiteSpace(chat.Channel))
                builder.AddError("is required", $"Moderation:Chats:{i}:Channel");
            if (string.IsNullOrWhiteSpace(chat.ChatId))
                builder.AddError("is required", $"Moderation:Chats:{i}:ChatId");
        }
        return builder.Build();
    }
}
