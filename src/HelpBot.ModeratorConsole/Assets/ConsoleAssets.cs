using System.Collections.Frozen;
using HelpBot.ModeratorConsole.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace HelpBot.ModeratorConsole.Assets;

/// <summary>
/// The console's scripts and styles (<c>wwwroot/</c>, embedded in this assembly) at <c>/console/assets/…</c>: served
/// by the built bot wherever it runs, with no CDN and no static web assets manifest. Only embedded files are served.
/// </summary>
internal static class ConsoleAssets
{
    private const string ResourcePrefix = "console-assets/";

    private static readonly FrozenDictionary<string, string> Resources = typeof(ConsoleAssets).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .ToFrozenDictionary(name => name[ResourcePrefix.Length..].Replace('\\', '/'), name => name, StringComparer.Ordinal);

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(ConsoleRoutes.Assets + "/{**path}", Serve);

    private static IResult Serve(HttpContext http, string path)
    {
        if (!Resources.TryGetValue(path, out var resource) || !ContentTypes.TryGetContentType(path, out var contentType))
            return Results.NotFound();
        // Short: an updated bot's scripts reach moderators within the hour.
        http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600";
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        return Results.Stream(typeof(ConsoleAssets).Assembly.GetManifestResourceStream(resource)!, contentType + (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal) ? "; charset=utf-8" : ""));
    }
}
