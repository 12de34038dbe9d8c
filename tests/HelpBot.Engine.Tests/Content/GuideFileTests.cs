using HelpBot.Engine.Content;

namespace HelpBot.Engine.Tests.Content;

/// <summary>
/// A guide's text is edited in place: whatever the text, the file stays valid, reads back exactly that text where it
/// was, and every other line (comments, other sections, layout) stays as it was.
/// </summary>
public sealed class GuideFileTests
{
    private static readonly string Path = System.IO.Path.Combine(TestContent.Directory, "en", "aliexpress.yaml");
    private static readonly string Original = File.ReadAllText(Path);

    public static TheoryData<string> Tricky => new()
    {
        "Key: value # not a comment",
        "\"quoted\" and 'single' and \\ backslash",
        "first line\nsecond line\n\nafter a blank line",
        "Emoji 👍🏽 and a flag 🇷🇺 and «кириллица»",
        "   leading spaces",
        "- looks like a list item",
        "{ looks: like, flow: mapping }",
        "&anchor *alias !tag %directive @ `",
        "line\u2028separator and \u0085 next line",
        "ends with a colon:",
        "---\n...\nnot documents",
        "null",
    };

    [Theory]
    [MemberData(nameof(Tricky))]
    public void A_text_of_any_kind_is_written_in_place_and_read_back_as_it_is(string value)
    {
        foreach (var key in new[] { "intro", "steps/my-aliexpress/text", "consequences/items/no-trading/title", "parts/1/intro" })
        {
            var edited = GuideFile.Replace(Original, key, value, out var problem);

            Assert.Null(problem);
            Assert.NotNull(edited);
            Assert.Equal(value, GuideFile.Texts(edited).Single(t => t.Key == key).Text);
            Assert.Equal(
                GuideFile.Texts(Original).Where(t => t.Key != key).Select(t => (t.Key, t.Text)),
                GuideFile.Texts(edited).Where(t => t.Key != key).Select(t => (t.Key, t.Text)));
            // Only the value's own lines differ: the comment at the top and every other line are kept byte for byte.
            var before = Original.Split('\n');
            var after = edited.Split('\n');
            var line = GuideFile.Texts(Original).Single(t => t.Key == key).Line;
            Assert.Equal(before.Take(line - 1), after.Take(line - 1));
            var removed = before.Length - after.Length;
            Assert.Equal(before.Skip(line + removed), after.Skip(line));
        }
    }

    [Theory]
    [MemberData(nameof(Tricky))]
    public void A_later_text_is_found_after_an_earlier_edit_of_any_kind(string value)
    {
        var once = GuideFile.Replace(Original, "intro", value, out _)!;

        var twice = GuideFile.Replace(once, "done", value + "!", out var problem);

        Assert.Null(problem);
        Assert.Equal(value, GuideFile.Texts(twice!).Single(t => t.Key == "intro").Text);
        Assert.Equal(value + "!", GuideFile.Texts(twice!).Single(t => t.Key == "done").Text);
    }

    [Fact]
    public void The_edited_file_is_checked_by_the_loader_itself()
    {
        var errors = new List<ContentError>();
        var edited = GuideFile.Replace(Original, "steps/my-aliexpress/text", "Open **My AliExpress", out _)!;

        ContentLoader.LoadGuide(Path, edited, errors);

        var error = Assert.Single(errors);
        Assert.Equal(GuideFile.Texts(edited).Single(t => t.Key == "steps/my-aliexpress/text").Line, error.Line);
        Assert.Contains("unbalanced", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_are_escaped_so_the_loader_names_them_instead_of_the_file_breaking()
    {
        var errors = new List<ContentError>();
        var edited = GuideFile.Replace(Original, "intro", "bell\u0007 and nul\0", out var problem)!;

        Assert.Null(problem);
        Assert.Contains("\\u0007", edited, StringComparison.Ordinal);
        ContentLoader.LoadGuide(Path, edited, errors);
        Assert.Contains(errors, e => e.Message.Contains("control character", StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_numbers_and_the_forms_words_are_not_editable_texts()
    {
        var keys = GuideFile.Texts(Original).Select(t => t.Key).ToList();

        Assert.Contains("steps/my-aliexpress/title", keys);
        Assert.Contains("reasons/intro", keys);
        Assert.DoesNotContain(keys, k => k.EndsWith("/id", StringComparison.Ordinal) || k.EndsWith("/part", StringComparison.Ordinal) || k.EndsWith("/option", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.StartsWith("match", StringComparison.Ordinal));
        Assert.Null(GuideFile.Replace(Original, "steps/my-aliexpress/id", "x", out var problem));
        Assert.NotNull(problem);
        Assert.Null(GuideFile.Replace(Original, "../../etc/passwd", "x", out _));
    }
}
