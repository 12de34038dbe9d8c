using HelpBot.Content;
using HelpBot.Engine.Content;

namespace HelpBot.Commands;

/// <summary><c>helpbot validate-content [DIR]</c>: every content error as <c>file:line:column: message</c>; exit 1 if any.</summary>
internal static class ValidateContentCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.Length > 0 ? args[0] : ContentDirectory.Locate();
        try
        {
            var catalog = ContentLoader.Load(path);
            await Console.Out.WriteLineAsync($"{path}: valid ({string.Join(", ", catalog.Languages.Keys)}; guides: {string.Join(", ", catalog.GuideIds)})");
            return 0;
        }
        catch (ContentValidationException ex)
        {
            foreach (var error in ex.Errors)
                await Console.Error.WriteLineAsync(error.ToString());
            await Console.Error.WriteLineAsync($"{ex.Errors.Count} error(s)");
            return 1;
        }
    }
}
