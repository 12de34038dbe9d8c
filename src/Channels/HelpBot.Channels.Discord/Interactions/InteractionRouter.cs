using System.Globalization;
using System.Text.RegularExpressions;
using HelpBot.Channels.Discord.Commands;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.Options;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>
/// Translates interactions into turns: a slash command into the engine's command with its options as named
/// arguments, a button into its custom id (the engine's action id, which the engine checks), a modal's text into a
/// turn for the engine's form of that id. Where the engine would take a text the user cannot type here, the
/// engine names a form and a modal opens instead. The moderator flag comes from configured user and role ids;
/// the engine trusts it.
/// </summary>
internal sealed partial class InteractionRouter(IOptions<DiscordOptions> options, ITextForms forms)
{
    public const string ChannelName = "discord";

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
        return ToEngineOrForm(Turn(interaction) with { Command = name, Arguments = interaction.Options });
    }

    private InteractionRoute RouteComponent(InteractionRequest interaction)
    {
        if (interaction.ComponentType != InteractionRequest.ButtonComponentType)
            return InteractionRoute.Refuse($"unsupported component type {interaction.ComponentType?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}");
        if (string.IsNullOrEmpty(interaction.CustomId))
            return InteractionRoute.Refuse("missing custom_id");
        return ToEngineOrForm(Turn(interaction) with { Action = interaction.CustomId });
    }

    private InteractionRoute RouteModalSubmit(InteractionRequest interaction)
    {
        if (interaction.CustomId is not { } form || !forms.IsForm(form))
            return InteractionRoute.Refuse("unknown modal");
        // An empty submission reaches the engine as an empty message, which it answers with a hint and the menu.
        return InteractionRoute.ToEngine(Turn(interaction) with { Form = form, Text = interaction.Fields.GetValueOrDefault(TextModals.Field, "") });
    }

    private InteractionRoute ToEngineOrForm(Turn turn) =>
        forms.FormFor(turn) is { } form ? InteractionRoute.OpenModal(form, turn) : InteractionRoute.ToEngine(turn);

    /// <summary>A configured user, a member of a configured role, or a member who can manage messages in the configured server.</summary>
    private bool IsModerator(InteractionRequest interaction)
    {
        var settings = options.Value;
        return settings.ModeratorUserIds.Contains(interaction.UserId, StringComparer.Ordinal)
               || interaction.Roles.Any(role => settings.ModeratorRoleIds.Contains(role, StringComparer.Ordinal))
               || settings.GuildId is { Length: > 0 } guild && interaction.GuildId == guild
                  && (interaction.Permissions & SlashCommandCatalog.ModeratorPermissions) != 0;
    }

    private Turn Turn(InteractionRequest interaction) => new()
    {
        Channel = ChannelName,
        UserId = interaction.UserId,
        ChatId = interaction.ChannelId ?? interaction.UserId,
        Locale = interaction.Locale,
        DisplayName = interaction.DisplayName,
        DeliveryId = "discord:interaction:" + interaction.Id,
        IsModerator = IsModerator(interaction),
        // Replies to interactions are ephemeral: only the user sees them.
        PrivateReplies = true,
        Community = options.Value.Community,
    };

    /// <summary>Discord's rule for command names: 1-32 letters, digits, <c>-</c> or <c>_</c>.</summary>
    [GeneratedRegex(@"^[-_\p{L}\p{N}]{1,32}$")]
    private static partial Regex CommandName();
}
