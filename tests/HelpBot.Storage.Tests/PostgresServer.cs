using Npgsql;

namespace HelpBot.Storage.Tests;

/// <summary>
/// The PostgreSQL servers of the tests (<c>.ci/postgres</c> installs, starts and prints them):
/// <c>HELPBOT_TEST_POSTGRES</c>, the shared cluster, and <c>HELPBOT_TEST_POSTGRES_OUTAGE</c>, a cluster of the outage test
/// alone that it may stop (<c>HELPBOT_TEST_POSTGRES_OUTAGE_CLUSTER</c> names it for pg_ctlcluster). Without them the
/// PostgreSQL tests are skipped with a message, except in CI (<c>CI=true</c>), where a missing server is a failure, so
/// that they cannot pass by not running. Each test works in a schema of its own.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "HELPBOT_TEST_POSTGRES";
    public const string OutageVariable = "HELPBOT_TEST_POSTGRES_OUTAGE";
    public const string OutageClusterVariable = "HELPBOT_TEST_POSTGRES_OUTAGE_CLUSTER";

    /// <summary>
    /// Per test project, so that one project's clean-up never drops the schemas another (running beside it) is using.
    /// </summary>
    private static readonly string SchemaPrefix =
        "helpbot_test_" + typeof(PostgresServer).Assembly.GetName().Name!.Replace('.', '_').ToLowerInvariant() + "_";

    private static readonly Lazy<string> Server = new(() => DropLeftoverSchemas(Required(Variable)));
    private static readonly Lazy<string> OutageServer = new(() => DropLeftoverSchemas(Required(OutageVariable)));

    public static string ConnectionString() => Required(Variable);

    /// <summary>A new empty schema on the shared server; the connection string returned works in it alone.</summary>
    public static string CreateSchema() => CreateSchemaOn(Server.Value);

    /// <summary>A new empty schema on the outage cluster, and the cluster's "VERSION NAME" for pg_ctlcluster.</summary>
    public static (string ConnectionString, string Cluster) CreateOutageSchema() =>
        (CreateSchemaOn(OutageServer.Value), Required(OutageClusterVariable));

    private static string Required(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
            return value;
        var missing = variable + " is not set: run eval \"$(.ci/postgres)\" to install and start PostgreSQL for these tests";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(missing + " (required when CI=true)");
        Assert.Skip(missing);
        return "";
    }

    private static string CreateSchemaOn(string server)
    {
        var schema = SchemaPrefix + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
        create.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Once per test run and server, before its first schema: what earlier runs of this project left behind goes.</summary>
    private static string DropLeftoverSchemas(string server)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var drop = new NpgsqlCommand(
            $"DO $$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE starts_with(nspname, '{SchemaPrefix}') LOOP EXECUTE 'DROP SCHEMA ' || s || ' CASCADE'; END LOOP; END $$",
            connection);
        drop.ExecuteNonQuery();
        return server;
    }
}
