using Npgsql;

namespace HelpBot.Benchmarks;

/// <summary>The PostgreSQL server of the benchmarks' PostgreSQL cases (<c>eval "$(.ci/postgres)"</c> first), each case in a schema of its own.</summary>
internal static class BenchmarkPostgres
{
    public static string Server => Environment.GetEnvironmentVariable("HELPBOT_TEST_POSTGRES") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException("HELPBOT_TEST_POSTGRES is not set: run eval \"$(.ci/postgres)\" before the PostgreSQL cases");

    public static string CreateSchema()
    {
        var schema = "helpbot_bench_" + Guid.NewGuid().ToString("N")[..16];
        Execute($"CREATE SCHEMA {schema}");
        return schema;
    }

    /// <summary>A connection string whose tables live in a new schema of their own.</summary>
    public static string NewDatabase() => new NpgsqlConnectionStringBuilder(Server) { SearchPath = CreateSchema() }.ConnectionString;

    public static long Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
