using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace HelpBot.Tests.Hosting;

/// <summary>
/// The Dockerfile and compose.yaml, read as text (there is no container engine to run them here): the image checks
/// its own health without curl and writes only where volumes or a tmpfs are; compose runs it read-only on PostgreSQL
/// with every secret from the environment.
/// </summary>
public sealed class ContainerFilesTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Dockerfile"));

    /// <summary>The run stage's instructions: everything after the last FROM but comments, with continued lines joined.</summary>
    private static readonly string RunStage = string.Join('\n', Dockerfile[Dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..]
        .Split('\n').Where(line => !line.TrimStart().StartsWith('#'))).Replace("\\\n", " ", StringComparison.Ordinal);

    [Fact]
    public void Dockerfile_HealthcheckAsksTheBotItself_NoCurl()
    {
        Assert.Matches(@"HEALTHCHECK .*CMD \[""dotnet"", ""[^""]*helpbot\.dll"", ""healthcheck""\]", RunStage);
        Assert.DoesNotContain("curl", RunStage, StringComparison.Ordinal);
        Assert.DoesNotContain("wget", RunStage, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_EveryPathTheBotWritesIsAVolume()
    {
        var volumes = Regex.Match(RunStage, @"VOLUME \[(.*)\]").Groups[1].Value.Split(',').Select(v => v.Trim(' ', '"')).ToList();
        var writes = new[] { Path.GetDirectoryName(Env("Storage__Path"))!, Env("Understanding__ModelDirectory") };

        Assert.All(writes, path => Assert.Contains(volumes, volume => path == volume || path.StartsWith(volume + "/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Compose_BotReadOnlyOnPostgres_SecretsFromTheEnvironment()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "compose.yaml")))
            yaml.Load(reader);
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var postgres = (YamlMappingNode)services["postgres"];
        var bot = (YamlMappingNode)services["helpbot"];
        var environment = ((YamlMappingNode)bot["environment"]).ToDictionary(e => e.Key.ToString(), e => e.Value.ToString());

        Assert.Equal("postgres:15", postgres["image"].ToString());
        Assert.True(postgres.Children.ContainsKey("healthcheck"));
        Assert.Equal("service_healthy", ((YamlMappingNode)((YamlMappingNode)bot["depends_on"])["postgres"])["condition"].ToString());
        Assert.Equal("Postgres", environment["Storage__Provider"]);
        Assert.Contains("Host=postgres;", environment["Storage__ConnectionString"], StringComparison.Ordinal);
        Assert.Equal("true", bot["read_only"].ToString());
        Assert.Contains("/tmp", ((YamlSequenceNode)bot["tmpfs"]).Select(t => t.ToString()));
        var modelVolume = Env("Understanding__ModelDirectory")[..Env("Understanding__ModelDirectory").IndexOf('/', 1)];
        Assert.Contains(((YamlSequenceNode)bot["volumes"]).Select(v => v.ToString()), v => v.EndsWith(":" + modelVolume, StringComparison.Ordinal));
        Assert.Matches(@"Password=\$\{[A-Z_]+", environment["Storage__ConnectionString"]);
        Assert.All(environment.Where(e => e.Key.EndsWith("Token", StringComparison.Ordinal)), e => Assert.Matches(@"^\$\{[A-Z_]+", e.Value));
    }

    /// <summary>A value the run stage's ENV sets.</summary>
    private static string Env(string name) =>
        Regex.Match(RunStage, $@"\b{Regex.Escape(name)}=(\S+)").Groups[1].Value is { Length: > 0 } value ? value : throw new InvalidOperationException(name + " is not set in the Dockerfile");
}
