using HelpBot.Engine.Content;

namespace HelpBot.Engine.Tests.Content;

public sealed class ContentLoaderTests
{
    [Fact]
    public void Load_RepositoryContent_HasBothLanguagesAndTheWholeArticle()
    {
        var catalog = TestContent.Load();

        Assert.Equal(["en", "ru"], catalog.Languages.Keys.Order());
        foreach (var pack in catalog.Languages.Values)
        {
            var guide = pack.Guides["aliexpress"];
            Assert.Equal(9, guide.Steps.Count);
            Assert.Equal([5, 4], guide.Steps.GroupBy(s => s.Part).Select(g => g.Count()));
            Assert.Equal(4, guide.Consequences!.Items.Count);
            Assert.Equal(9, guide.Reasons!.Options.Count);
            Assert.Contains(guide.Steps, s => s.Copy == "Deactivate my account");
        }
    }

    [Fact]
    public void Load_RepositoryContent_KeepsTheFormsEnglishOptionsVerbatim()
    {
        var options = TestContent.Load().Languages["ru"].Guides["aliexpress"].Reasons!.Options.Select(o => o.Option);

        Assert.Equal(
        [
            "I registered by mistake I don’t need this account",
            "I can’t find the product company that matches my needs",
            "I receives too many emails from Aliexpress.com",
            "I’m retired not in business anymore",
            "I was scammed",
            "The email address I used to create my Aliexpress.com account is invalid",
            "I’ve found a product company that matches my needs",
            "Buyers Suppliers did not respond to my inquiries",
            "Other",
        ], options);
    }

    /// <summary>
    /// file, text to replace, replacement, file named in the error, where the error must point
    /// (a text on that line of the edited file, or <c>@N</c> for line N), and part of the message.
    /// </summary>
    public static TheoryData<string, string, string, string, string, string> BrokenContent() => new()
    {
        { "ru/bot.yaml", "menu: \"Выберите раздел:\"", "menu: \"Выберите раздел:", "ru/bot.yaml", "menu: \"Выберите", "YAML syntax" },
        { "ru/bot.yaml", "button_next: Далее ▶\n", "", "ru/bot.yaml", "@2", "missing required key 'button_next'" },
        { "en/bot.yaml", "button_skip: Skip", "button_skip: Skip\nbutton_skipp: Skip", "en/bot.yaml", "button_skipp", "unknown key 'button_skipp'" },
        { "ru/bot.yaml", "question_saved: \"Вопрос {id} передан", "question_saved: \"Вопрос передан", "ru/bot.yaml", "question_saved", "placeholder {id}" },
        { "ru/bot.yaml", "finished: Готово! Вы прошли все шаги.", "finished: \"\"", "ru/bot.yaml", "finished:", "'finished' must not be empty" },
        { "en/bot.yaml", "typed_back: back|", "typed_back: back||", "en/bot.yaml", "typed_back:", "'typed_back' lists words separated by |; each needs a letter or digit" },
        { "ru/aliexpress.yaml", "title: Удаление аккаунта AliExpress", "title: Удаление **аккаунта AliExpress", "ru/aliexpress.yaml", "title: Удаление", "unbalanced formatting" },
        { "ru/aliexpress.yaml", "  - id: profile-settings", "  - id: my-aliexpress", "ru/aliexpress.yaml", "@2", "step id 'my-aliexpress' is used more than once" },
        { "ru/aliexpress.yaml", "в красной шапке\"\n    part: 1", "в красной шапке\"\n    part: 3", "ru/aliexpress.yaml", "id: profile-settings", "refers to part 3" },
        { "en/aliexpress.yaml", "    title: “Edit profile” under personal information\n", "", "en/aliexpress.yaml", "id: edit-profile", "missing required key 'title'" },
        { "en/aliexpress.yaml", "done_title: What happens after the form is sent", "done_title: What happens after the form is sent, and how long until the account is really gone", "en/aliexpress.yaml", "done_title:", "labels a button" },
        { "ru/aliexpress.yaml", "  advice_title: Возврат денег за отменённые заказы", "  advice_title: Возврат **денег**", "ru/aliexpress.yaml", "advice_title:", "labels a button" },
        { "ru/aliexpress.yaml", "      title: Что будет с заказами и историей сделок\n", "", "ru/aliexpress.yaml", "id: deals-deleted", "missing required key 'title'" },
        { "en/aliexpress.yaml", "option: I was scammed", "option: I was scamed", "en/aliexpress.yaml", "@1", "reason options (the form's English words) differ" },
        { "en/aliexpress.yaml", "  - id: form-email", "  - id: form-mail", "en/aliexpress.yaml", "@1", "step ids differ" },
        { "en/aliexpress.yaml", "    show_reasons: true", "    show_reasons: yes please", "en/aliexpress.yaml", "show_reasons", "must be true or false" },
        { "ru/aliexpress.yaml", "    part: 1\n    text: В красной", "    part: one\n    text: В красной", "ru/aliexpress.yaml", "part: one", "must be a whole number" },
        { "en/aliexpress.yaml", "out_of_scope:\n", "out_of_scope: delete a review\n", "en/aliexpress.yaml", "out_of_scope: delete", "'out_of_scope' must be a list of phrases" },
        { "en/aliexpress.yaml", "out_of_scope:\n", "task_words: [delete]\nout_of_scope:\n", "en/aliexpress.yaml", "task_words:", "unknown key 'task_words'" },
        { "ru/aliexpress.examples.tsv", "ru\toverview\tparaphrase\tхочу удалить аккаунт на али\n", "ru\toverveiw\tparaphrase\tхочу удалить аккаунт на али\n", "ru/aliexpress.examples.tsv", "overveiw", "unknown label 'overveiw'" },
        { "ru/aliexpress.examples.tsv", "ru\toverview\tparaphrase\tхочу удалить аккаунт на али\n", "ru\tstep:form-mail\tparaphrase\tхочу удалить аккаунт на али\n", "ru/aliexpress.examples.tsv", "form-mail", "unknown label 'step:form-mail'" },
        { "ru/aliexpress.examples.tsv", "ru\toverview\tparaphrase\tхочу удалить аккаунт на али\n", "ru\tsmalltalk:weather\tparaphrase\tхочу удалить аккаунт на али\n", "ru/aliexpress.examples.tsv", "smalltalk:weather", "unknown label 'smalltalk:weather'" },
        { "ru/aliexpress.examples.tsv", "ru\toverview\tparaphrase\tхочу удалить аккаунт на али\n", "en\toverview\tparaphrase\tхочу удалить аккаунт на али\n", "ru/aliexpress.examples.tsv", "en\toverview", "language 'en' in the folder of 'ru'" },
        { "ru/aliexpress.examples.tsv", "ru\toverview\tparaphrase\tхочу удалить аккаунт на али\n", "ru\toverview\tparaphrase хочу удалить аккаунт на али\n", "ru/aliexpress.examples.tsv", "paraphrase хочу", "expected 4 fields" },
        { "ru/aliexpress.examples.tsv", "ru\toverview\tparaphrase\tхочу удалить аккаунт на али\n", "ru\toverview\tPara phrase\tхочу удалить аккаунт на али\n", "ru/aliexpress.examples.tsv", "Para phrase", "kind 'Para phrase' must be one lower-case word" },
        { "ru/aliexpress.examples.tsv", "ru\toverview\tparaphrase\tхочу удалить аккаунт на али\n", "ru\toverview\tparaphrase\tхочу удалить аккаунт на али\nru\tdone\tparaphrase\tХочу удалить  аккаунт на али\n", "ru/aliexpress.examples.tsv", "Хочу удалить  аккаунт", "labelled 'overview' on line" },
        { "en/aliexpress.examples.tsv", "en\treason:scammed\t", "en\treason:scammed\toption\t\u0007\nen\treason:scammed\t", "en/aliexpress.examples.tsv", "\u0007", "without control characters" },
        { "en/smalltalk.yaml", "greeting:", "greetings:", "en/smalltalk.yaml", "@1", "small-talk intents differ" },
        { "ru/smalltalk.yaml", "  handoff: true\n", "  handoff: true\n  hand_off: true\n", "ru/smalltalk.yaml", "hand_off", "unknown key 'hand_off'" },
        { "ru/smalltalk.yaml", "thanks:\n", "Thanks!:\n", "ru/smalltalk.yaml", "Thanks!", "must be a lower-case id" },
        { "en/smalltalk.yaml", "  handoff: true\n", "  handoff: false\n", "en/smalltalk.yaml", "@1", "small-talk intents differ" },
        { "en/smalltalk.yaml", "where you left off.\"\n  examples:", "where you left off.\"\n  examples: []\n  examples_before:", "en/smalltalk.yaml", "goodbye:", "needs 'examples'" },
        { "en/bot.yaml", "  steps:\n    description: Step-by-step guide (resumes where you stopped)\n", "", "en/bot.yaml", "commands:", "missing the texts of the command 'steps'" },
        { "en/bot.yaml", "  menu:\n    description: Main menu", "  menus:\n    description: Main menu", "en/bot.yaml", "  menus:", "unknown key 'menus'" },
        { "en/bot.yaml", "      days:\n", "      weeks:\n", "en/bot.yaml", "      weeks:", "unknown key 'weeks'" },
        { "en/bot.yaml", "  stats:\n    description: \"Moderators: statistics with a chart\"\n    arguments:\n      days:\n        description: How many days back (default 30)\n", "  stats:\n    description: \"Moderators: statistics with a chart\"\n", "en/bot.yaml", "statistics with a chart", "missing required section 'arguments'" },
        { "ru/bot.yaml", "    description: Главное меню", "    description: Главное меню, из которого можно перейти к последствиям, шагам, причинам, отзыву, вопросу модераторам и языку", "ru/bot.yaml", "description: Главное меню", "is shown in command menus" },
        { "ru/bot.yaml", "    name: шаги", "    name: Шаги", "ru/bot.yaml", "name: Шаги", "lower-case letters" },
        { "ru/bot.yaml", "    name: забыть\n", "    name: меню\n", "ru/bot.yaml", "commands:", "the command name 'меню' is used more than once" },
        { "en/context.txt", "My son set this up for me years ago.\n", "My son set this up for me years ago.\nMy son\tset this up.\n", "en/context.txt", "My son\tset", "without tabs or control characters" },
        { "en/context.txt", "My son set this up for me years ago.\n", "My son set this up for me years ago.\n" + new string('a', 301) + "\n", "en/context.txt", "aaaa", "at most 300 characters" },
        { "en/context.txt", "My son set this up for me years ago.\n", "My son set this up for me years ago.\nMy son set this up for me years ago.\n", "en/context.txt", "@4", "the same sentence is on line 3" },
    };

    [Theory]
    [MemberData(nameof(BrokenContent))]
    public void Load_BrokenContent_NamesFileLineAndProblem(string file, string from, string to, string errorFile, string at, string message)
    {
        using var content = TestContent.Copy();
        content.Edit(file, from, to);

        var ex = Assert.Throws<ContentValidationException>(() => ContentLoader.Load(content.Root));

        var error = Assert.Single(ex.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(content.PathOf(errorFile), error.File);
        var expectedLine = at.StartsWith('@')
            ? int.Parse(at[1..], System.Globalization.CultureInfo.InvariantCulture)
            : Array.FindIndex(File.ReadAllLines(content.PathOf(file)), l => l.Contains(at, StringComparison.Ordinal)) + 1;
        Assert.Equal(expectedLine, error.Line);
        Assert.StartsWith($"{error.File}:{error.Line}:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RepositoryContent_ReadsLabelledExamplesAndSmallTalkOfEveryLanguage()
    {
        var catalog = TestContent.Load();

        foreach (var pack in catalog.Languages.Values)
        {
            var examples = pack.Guides["aliexpress"].Examples;
            Assert.True(examples.Count > 500, $"{pack.Code}: {examples.Count} examples");
            Assert.Contains(examples, e => e.Label is null && e.Kind == "offtopic");
            Assert.Contains(examples, e => e.Label is { Kind: Engine.Understanding.TopicKind.Reason });
            Assert.Equal(["greeting", "thanks", "goodbye", "bot", "human", "abuse"], pack.SmallTalk.Select(i => i.Id));
            Assert.Equal(["human"], pack.SmallTalk.Where(i => i.Handoff).Select(i => i.Id));
            Assert.True(pack.Context.Count >= 50, $"{pack.Code}: {pack.Context.Count} context sentences");
            Assert.DoesNotContain(pack.Context, s => s.StartsWith('#'));
        }
    }

    /// <summary>Leave-one-set-out evaluation leaves out a set by the name of the comment that opens it.</summary>
    [Fact]
    public void Load_Examples_CarryTheNameOfTheSetTheyWereWrittenIn()
    {
        using var content = TestContent.Copy();
        File.WriteAllText(content.PathOf("en/aliexpress.examples.tsv"),
            "# Labelled messages: smalltalk:ID is a label, not a set\nen\tnone\tofftopic\twhat is the weather\n"
            + "# first-set: notes\n# more notes: still the first set\nen\toverview\tparaphrase\thow do i close my account\n"
            + "# set2: written later\nen\tdone\tparaphrase\tis it gone now\n");

        var examples = ContentLoader.Load(content.Root).Languages["en"].Guides["aliexpress"].Examples;

        Assert.Equal(["", "first-set", "set2"], examples.Select(e => e.Set));
    }

    [Fact]
    public void Load_ExamplesOfAGuideThatDoesNotExist_AreRefused()
    {
        using var content = TestContent.Copy();
        File.Copy(content.PathOf("en/aliexpress.examples.tsv"), content.PathOf("en/alibaba.examples.tsv"));

        var ex = Assert.Throws<ContentValidationException>(() => ContentLoader.Load(content.Root));

        Assert.Contains(ex.Errors, e => e.File == content.PathOf("en/alibaba.examples.tsv") && e.Message.Contains("no alibaba.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingDefaultLanguage_SaysWhich()
    {
        using var content = TestContent.Copy();
        Directory.Delete(content.PathOf("ru"), recursive: true);

        var ex = Assert.Throws<ContentValidationException>(() => ContentLoader.Load(content.Root));

        Assert.Contains("default language 'ru'", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GuideOnlyInOneLanguage_IsRefused()
    {
        using var content = TestContent.Copy();
        File.Copy(content.PathOf("en/aliexpress.yaml"), content.PathOf("en/other.yaml"));

        var ex = Assert.Throws<ContentValidationException>(() => ContentLoader.Load(content.Root));

        Assert.Contains(ex.Errors, e => e.Message.Contains("guide 'other' exists only in 'en'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ThirdLanguageAndSecondGuide_NeedNoCode()
    {
        using var content = TestContent.Copy();
        Directory.CreateDirectory(content.PathOf("uk"));
        File.Copy(content.PathOf("en/bot.yaml"), content.PathOf("uk/bot.yaml"));
        File.Copy(content.PathOf("en/smalltalk.yaml"), content.PathOf("uk/smalltalk.yaml"));
        foreach (var language in new[] { "ru", "en", "uk" })
        {
            File.Copy(content.PathOf("en/aliexpress.yaml"), content.PathOf($"{language}/alibaba.yaml"));
            if (language == "uk")
                File.Copy(content.PathOf("ru/aliexpress.yaml"), content.PathOf("uk/aliexpress.yaml"));
        }

        var catalog = ContentLoader.Load(content.Root);

        Assert.Equal(3, catalog.Languages.Count);
        Assert.Equal(["alibaba", "aliexpress"], catalog.GuideIds);
    }
}
