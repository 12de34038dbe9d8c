using HelpBot.Engine.Storage;
using LiteDB;

namespace HelpBot.Storage.LiteDb;

/// <summary>
/// Opens the database file only if the bot can use all of it: the path is a file, it can be written, and every
/// page, record and index reads back. Anything else becomes one <see cref="StorageUnavailableException"/> line
/// naming the file and what to do, so a damaged file stops the start instead of failing user by user.
/// </summary>
public static class LiteDbFile
{
    /// <summary>LiteDB 5's page size: a sound data file is a whole number of pages.</summary>
    public const int PageSize = 8192;

    /// <summary>
    /// Verifies <paramref name="path"/> opened read-only, so a damaged file is left exactly as it was, then opens it
    /// for the bot (creating it and its folder when missing).
    /// </summary>
    public static LiteDatabase OpenVerified(string path, BsonMapper mapper)
    {
        if (File.Exists(path))
        {
            // LiteDB trims a partial last page on open, even read-only: check the length before it can.
            var length = new FileInfo(path).Length;
            if (length % PageSize != 0)
                throw Damaged(path, new LiteException(0, $"its length {length} is not a whole number of {PageSize}-byte pages"));
            using var readOnly = Open(path, mapper, readOnly: true);
            Verify(readOnly, path);
        }
        return Open(path, mapper, readOnly: false);
    }

    /// <summary>
    /// The order of strings in a file this creates: ordinal, as every key here is an id, and LiteDB's default (the
    /// current culture, ignoring case) made each index step a culture-aware comparison, the largest part of a commit's
    /// cost. A file keeps the collation it was created with.
    /// </summary>
    private static readonly Collation Ordinal = new(System.Globalization.CultureInfo.InvariantCulture.LCID, System.Globalization.CompareOptions.Ordinal);

    /// <summary>Opens <paramref name="path"/> without reading it through; the errors are those of <see cref="OpenVerified"/>.</summary>
    public static LiteDatabase Open(string path, BsonMapper mapper, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new StorageUnavailableException($"Storage: {path} is a folder, not a database file; set Storage:Path to a file in it, such as {Path.Combine(path, "helpbot.db")}.");
        try
        {
            if (!readOnly)
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            return new LiteDatabase(new ConnectionString { Filename = full, Connection = ConnectionType.Direct, ReadOnly = readOnly, Collation = Ordinal }, mapper);
        }
        catch (Exception ex) when (Explain(path, ex) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>
    /// Reads every page header (LiteDB's <c>$dump</c>), every record of every collection, and every index in full,
    /// checking that each index lists as many records as its collection holds.
    /// </summary>
    public static StorageReport Verify(LiteDatabase database, string path)
    {
        ArgumentNullException.ThrowIfNull(database);
        try
        {
            foreach (var page in database.GetCollection("$dump").FindAll())
                _ = page;
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var name in database.GetCollectionNames().Order(StringComparer.Ordinal))
            {
                var collection = database.GetCollection(name);
                var records = collection.FindAll().LongCount();
                foreach (var index in database.GetCollection("$indexes").Find(Query.EQ("collection", name)))
                {
                    var listed = collection.Find(Query.All(index["expression"].AsString)).LongCount();
                    if (listed != records)
                        throw new LiteException(0, $"index {index["name"].AsString} of collection {name} lists {listed} of its {records} records");
                }
                counts[name] = records;
            }
            return new StorageReport(path, counts);
        }
        catch (Exception ex) when (Explain(path, ex) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>
    /// What damaged pages make LiteDB 5 throw: its own errors, and the decoding, casting and range errors of
    /// reading garbage as records (a <see cref="System.Text.DecoderFallbackException"/> is an <see cref="ArgumentException"/>;
    /// <see cref="NotImplementedException"/> and <see cref="NotSupportedException"/> are what LiteDB 5.0.21 throws for a type
    /// code it does not know, depending on where it meets it).
    /// </summary>
    public static bool IsDamage(Exception exception) =>
        exception is LiteException or ArgumentException or InvalidCastException or IndexOutOfRangeException
            or OverflowException or InvalidOperationException or NullReferenceException or FormatException or KeyNotFoundException
            or EndOfStreamException or NotImplementedException or NotSupportedException;

    /// <summary>The one-line error for what opening or reading the file threw; null for anything else (a bug, not the file).</summary>
    public static StorageUnavailableException? Explain(string path, Exception exception) => exception switch
    {
        StorageUnavailableException already => already,
        _ when IsDamage(exception) => Damaged(path, exception),
        IOException or UnauthorizedAccessException => Unwritable(path, exception),
        _ => null,
    };

    public static StorageUnavailableException Damaged(string path, Exception exception) =>
        new($"Storage: {path} is damaged and was not opened ({StorageUnavailableException.OneLine(exception)}). "
            + "Restore the last backup (helpbot restore BACKUP) or move the file away to start empty; helpbot check-storage tells when it is sound.", exception);

    private static StorageUnavailableException Unwritable(string path, Exception exception) =>
        new($"Storage: {path} cannot be opened for reading and writing ({StorageUnavailableException.OneLine(exception)}). "
            + "Make the file and its folder writable by this user, stop any other helpbot using it, or set Storage:Path to a writable place.", exception);
}
