using System.Globalization;
using System.Text.RegularExpressions;
using HelpBot.Channels.Discord.Commands;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// The routing table, in the manner of Discord.Net's interaction framework: slash commands by name,
/// buttons by custom id, modals by custom id. Button ids are the engine's action ids and go to the engine as
/// they are (it refuses forged ones with a clear reply); the adapter keeps only the ids that open modals.
/// The moderator flag comes from configured user and role ids; the engine trusts it.
/// </summary>
internal sealed partial class InteractionRouter(IOptions<DiscordOptions> options)
{
    public const string ChannelName = "discord";

    private readonly Dictionary<string, string> _componentModals = new(StringComparer.Ordinal)
    {
        // The engine's "ask" button: on Discord the question is typed into a modal.
        [ActionId.Ask] = TextModals.Ask,
        [TextModals.Comment] = TextModals.Comment,
    };

    private readonly Dictionary<string, Func<string, string>> _modalSubmits = new(StringComparer.Ordinal)
    {
        [TextModals.Ask] = question => "/ask " + question,
        [TextModals.Comment] = comment => comment,
    };

    public InteractionRoute Route(InteractionRequest interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction.Type switch
        {
            InteractionType.ApplicationCommand => RouteCommand(interaction),
            InteractionType.MessageComponent => RouteComponent(interaction),
            InteractionType.ModalSubmit => RouteModalSubmit(interaction),
            _ => InteractionRoute.Refuse($"unsupported interaction type {(int)interaction.Type}"),
        };
    }

    private InteractionRoute RouteCommand(InteractionRequest interaction)
    {
        if (interaction.CommandName is not { } name || !CommandName().IsMatch(name))
            return InteractionRoute.Refuse("missing or invalid command name");
        // An unknown name still reaches the engine, which answers with its "unknown command" text.
        var values = (SlashCommandCatalog.Find(name)?.Options ?? [])
            .Select(o => interaction.Options.GetValueOrDefault(o.Name, "").Trim())
            .ToArray();

        // Text better typed into a form: /ask without a question, /answer Q7K2MX without the answer.
        if (name == SlashCommandCatalog.Ask && values[0].Length == 0)
            return InteractionRoute.OpenModal(TextModals.Ask);
        if (name == SlashCommandCatalog.Answer && values[1].Length == 0 && IsModerator(interaction) && TextModals.AnswerFor(values[0]) is { } answerModal)
            return InteractionRoute.OpenModal(answerModal);

        var argument = string.Join(' ', values.Where(v => v.Length > 0));
        return InteractionRoute.ToEngine(TextTurn(interaction, argument.Length > 0 ? "/" + name + " " + argument : "/" + name));
    }

    private InteractionRoute RouteComponent(InteractionRequest interaction)
    {
        if (interaction.ComponentType != InteractionRequest.ButtonComponentType)
            return InteractionRoute.Refuse($"unsupported component type {interaction.ComponentType?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}");
        if (string.IsNullOrEmpty(interaction.CustomId))
            return InteractionRoute.Refuse("missing custom_id");
        if (_componentModals.TryGetValue(interaction.CustomId, out var modal))
            return InteractionRoute.OpenModal(modal);
        // A moderator's Answer button under a posted question: the answer is typed into a modal.
        if (IsModerator(interaction) && TextModals.QuestionAnsweredBy(interaction.CustomId) is not null)
            return InteractionRoute.OpenModal(interaction.CustomId);
        return InteractionRoute.ToEngine(Turn(interaction) with { Action = interaction.CustomId });
    }

    private InteractionRoute RouteModalSubmit(InteractionRequest interaction)
    {
        var value = interaction.Fields.GetValueOrDefault(TextModals.Field, "").Trim();
        Func<string, string>? toText = null;
        if (interaction.CustomId is { } id && !_modalSubmits.TryGetValue(id, out toText) && TextModals.QuestionAnsweredBy(id) is { } question)
            toText = answer => "/answer " + question + " " + answer;
        if (toText is null)
            return InteractionRoute.Refuse("unknown modal");
        // An empty submission reaches the engine as an empty message, which it answers with a hint and the menu.
        return InteractionRoute.ToEngine(TextTurn(interaction, value.Length == 0 ? "" : toText(value)));
    }

    /// <summary>A configured user, a member of a configured role, or a member who can manage messages in the configured server.</summary>
    private bool IsModerator(InteractionRequest interaction)
    {
        var settings = options.Value;
        return settings.ModeratorUserIds.Contains(interaction.UserId, StringComparer.Ordinal)
               || interaction.Roles.Any(role => settings.ModeratorRoleIds.Contains(role, StringComparer.Ordinal))
               || settings.GuildId is { Length: > 0 } guild && interaction.GuildId == guild
                  && (interaction.Permissions & SlashCommandCatalog.ModeratorPermissions) != 0;
    }

    private Turn TextTurn(InteractionRequest interaction, string text) => Turn(interaction) with { Text = text };

    private Turn Turn(InteractionRequest interaction) => new()
    {
        Channel = ChannelName,
        UserId = interaction.UserId,
        ChatId = interaction.ChannelId ?? interaction.UserId,
        Locale = interaction.Locale,
        DisplayName = interaction.DisplayName,
        DeliveryId = "discord:interaction:" + interaction.Id,
        IsModerator = IsModerator(interaction),
        Community = options.Value.Community,
    };

    /// <summary>Discord's rule for command names: 1-32 letters, digits, <c>-</c> or <c>_</c>.</summary>
    [GeneratedRegex(@"^[-_\p{L}\p{N}]{1,32}$")]
    private static partial Regex CommandName();
}
