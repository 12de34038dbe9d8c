using System.Data.Common;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace HelpBot.Storage.Postgres;

/// <summary>
/// How the store talks to PostgreSQL: positional parameters from plain values (records as <c>jsonb</c>, times as UTC),
/// as a command on a connection or as one statement of a batch, and records read back from their JSON. Public for the
/// host's own tables on the same database (the console's sign-in links and key ring).
/// </summary>
public static class PostgresCommands
{
    private static readonly JsonSerializerOptions Json = new();

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(Parameter(value));
        return command;
    }

    public static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(Parameter(value));
        return command;
    }

    public static PostgresJson JsonOf<T>(T value) => new(JsonSerializer.Serialize(value, Json));

    /// <summary>The record serialised in column <paramref name="column"/>.</summary>
    public static T Read<T>(DbDataReader reader, int column = 0)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return JsonSerializer.Deserialize<T>(reader.GetString(column), Json)!;
    }

    private static NpgsqlParameter Parameter(object value) => value switch
    {
        PostgresJson json => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = json.Text },
        // Npgsql writes timestamptz from UTC values only.
        DateTimeOffset at => new NpgsqlParameter { Value = at.ToUniversalTime() },
        _ => new NpgsqlParameter { Value = value },
    };
}

/// <summary>A record serialised for a <c>jsonb</c> column.</summary>
public readonly record struct PostgresJson(string Text);
