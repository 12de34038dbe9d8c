using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Evaluation;
using HelpBot.Understanding.Index;
using Microsoft.Extensions.Options;

namespace HelpBot.Understanding.Tests;

public sealed class LuceneTextUnderstandingTests(UnderstandingFixture fixture) : IClassFixture<UnderstandingFixture>
{
    /// <summary>The issue's own examples of what users type.</summary>
    [Theory]
    [InlineData("ru", "что будет с заказами?", "consequence:deals-deleted")]
    [InlineData("ru", "где кнопка удаления?", "part:1")]
    [InlineData("ru", "I was scammed", "reason:scammed")]
    [InlineData("ru", "elfkbnm frrfeyn", "overview")]
    [InlineData("ru", "udalit akkaunt", "overview")]
    [InlineData("ru", "aliekspress udalit profil", "overview")]
    [InlineData("ru", "продавец обманул", "reason:scammed")]
    [InlineData("ru", "надоели письма", "reason:too-many-emails")]
    [InlineData("ru", "ошибся в почте при регистрации", "reason:invalid-email")]
    [InlineData("ru", "ни одна причина не подходит", "reason:other")]
    [InlineData("ru", "i’m RETIRED not in busness anymore", "reason:retired")]
    [InlineData("en", "Buyers Suppliers did not respond", "reason:no-response")]
    [InlineData("en", "which phrase do I type in the second line", "step:form-phrase")]
    public void Understand_IssueExamples_LandOnTheirSections(string language, string text, string expected) =>
        AssertLandsOn(language, text, expected);

    /// <summary>Each repair and reading the matcher applies, with a message that needs exactly it.</summary>
    [Theory]
    // Synonyms from content: "box" and "ячейка" are not the guide's words; "field"/"line" and "поле"/"строка" are.
    [InlineData("en", "what do I type in the second box", "step:form-phrase")]
    [InlineData("ru", "какой мейл вбивать в первую ячейку", "step:form-email")]
    // A form option quoted in part: its words in order win over the neighbour whose advice mentions "mistake".
    [InlineData("en", "I registered by mistake", "reason:registered-by-mistake")]
    [InlineData("ru", "что значит I’m retired not in business anymore?", "reason:retired")]
    // A typo nearer the written word than its stem ("chnage" → "change", stem "chang").
    [InlineData("en", "where is chnage settings", "step:change-settings")]
    // One repair for the whole message: "profil" is also an English stem, but the message is transliterated Russian.
    [InlineData("ru", "udalit profil", "overview")]
    // The plainest request lands on the overview, not on "what happens after" (done).
    [InlineData("en", "delete profile", "overview")]
    [InlineData("ru", "удалить профиль", "overview")]
    public void Understand_MessageNeedingOneRepair_LandsOnItsSection(string language, string text, string expected) =>
        AssertLandsOn(language, text, expected);

    /// <summary>
    /// A chunk another repair reads as well ("ne" retyped is the stop word "ту", fully explained) is read with the repair
    /// the whole message needed: in a transliterated message "ne" is "не".
    /// </summary>
    [Fact]
    public void Explain_ShortChunkOfATransliteratedMessage_IsTransliteratedToo()
    {
        var words = fixture.Understanding.Explain("ne mogu najti knopku udalit").Words;

        Assert.Contains("не", words);
        Assert.DoesNotContain("ту", words);
    }

    /// <summary>An ordinary word spelt right ("sending") is not corrected to a guide word one or two letters away ("selling").</summary>
    [Fact]
    public void Explain_OrdinaryWordNearAGuideWord_IsNotReadAsATypo()
    {
        // Read as "selling", the message matched "stopped selling" (the retired option) with confidence.
        var ranked = fixture.Understanding.Explain("stop sending me emails").Candidates;

        Assert.DoesNotContain(ranked, c => c.Topic.Id == "retired" && c.Confidence >= 0.5);
        Assert.NotEqual("retired", fixture.Understanding.Understand("stop sending me emails", "en").Match?.Topic.Id);
    }

    /// <summary>
    /// An ordinary word the guide does not know ("elsewhere") lowers the confidence less than a rare one (another
    /// site's name) in the same place, once the message has two of the guide's own words.
    /// </summary>
    [Fact]
    public void Explain_UnknownOrdinaryWord_CountsLessThanUnknownSiteName()
    {
        var ordinary = Assert.NotNull(fixture.Understanding.Explain("found a supplier elsewhere").Best);
        var site = Assert.NotNull(fixture.Understanding.Explain("found a supplier on facebook").Best);
        Assert.True(ordinary.Confidence > site.Confidence, $"{ordinary.Confidence} vs {site.Confidence}");
    }

    /// <summary>
    /// "account" alone reads exactly as well as the overview, "My AliExpress" and the profile settings: the winner
    /// would depend only on the content's order, so the bot does not answer with any of them.
    /// </summary>
    [Fact]
    public void Understand_TwoScreensInADeadHeat_DoesNotAnswer()
    {
        const string text = "account";
        var ranked = fixture.Understanding.Explain(text).Candidates;
        Assert.True(ranked.Count >= 2 && ranked[1].Confidence == 1 && ranked[0].Rank / ranked[1].Rank < 1.03, Describe(text));
        Assert.NotEqual(TopicNames.Answer(ranked[0].Topic, fixture.Catalog), TopicNames.Answer(ranked[1].Topic, fixture.Catalog));

        Assert.Null(fixture.Understanding.Understand(text, "ru").Match);
    }

    /// <summary>
    /// Two sections nearly tied for a message are both offered, the likelier first, instead of either being answered:
    /// "первое поле" and "почта" are both the first line's and the second's words.
    /// </summary>
    [Theory]
    [InlineData("ru", "какую почту писать в самое первое поле", "step:form-email", "step:form-phrase")]
    [InlineData("en", "what goes into the second box", "step:form-phrase", "step:form-email")]
    public void Understand_NearTie_OffersBothSections(string language, string text, string first, string second)
    {
        var reading = fixture.Understanding.Understand(text, language);

        Assert.Null(reading.Match);
        Assert.Equal([Topic(first), Topic(second)], reading.Suggestions.Take(2));
    }

    /// <summary>A message that explains too little of itself for an answer still gets the section it most likely means offered.</summary>
    [Theory]
    [InlineData("ru", "нарвался на мошенников", "reason:scammed")]
    [InlineData("en", "where do I find the settings of my profile", "step:profile-settings")]
    [InlineData("en", "my parcel never came and the shop stopped replying to me", "reason:scammed")]
    public void Understand_UnsureMessage_OffersTheLikelySection(string language, string text, string expected)
    {
        var reading = fixture.Understanding.Understand(text, language);

        Assert.Null(reading.Match);
        Assert.Contains(Topic(expected), reading.Suggestions);
    }

    /// <summary>One guide word in small talk ("write", "good") is too little to offer a section: the menu stays plain.</summary>
    [Theory]
    [InlineData("write me a poem")]
    [InlineData("напиши стихотворение")]
    [InlineData("good morning")]
    [InlineData("курс доллара на сегодня")]
    [InlineData("how do I track my parcel from amazon")]
    public void Understand_SmallTalkWithAGuideWord_OffersNothing(string text)
    {
        var reading = fixture.Understanding.Understand(text, "ru");

        Assert.Null(reading.Match);
        Assert.Empty(reading.Suggestions);
    }

    /// <summary>Offers are one per screen: a part and its first sub-step open the same message, so only one of them is offered.</summary>
    [Fact]
    public void Understand_Offers_AreOnePerScreenAndAtMostThree()
    {
        foreach (var text in new[] { "нарвался на мошенников", "какую почту писать в самое первое поле", "my parcel never came and the shop stopped replying to me", "как удалить аккаунт в инстаграме", "где найти раздел мой алиэкспресс" })
        {
            var offered = fixture.Understanding.Understand(text, "ru").Suggestions;
            Assert.InRange(offered.Count, 0, 3);
            Assert.Equal(offered.Count, offered.Select(t => TopicNames.Answer(t, fixture.Catalog)).Distinct().Count());
        }
    }

    /// <summary>
    /// Deleting something else on AliExpress reads best as the content's <c>out_of_scope:</c> phrases: no section, and
    /// nothing offered, although "удалить" and "алиэкспресс" are the overview's words.
    /// </summary>
    [Theory]
    [InlineData("как удалить отзыв на алиэкспресс")]
    [InlineData("how do i delete a review on aliexpress")]
    [InlineData("как удалить карту с алиэкспресс")]
    [InlineData("how do I change my password on aliexpress")]
    // Nearby questions in the guide's own words: each out-of-scope phrase is read on its own, and adds no weight to
    // the guide's words (GuideSimilarity), so these phrases could be added without moving any other answer.
    [InlineData("как отменить заказ")]
    [InlineData("how do I cancel an order")]
    [InlineData("где мой заказ")]
    [InlineData("how do I log out of aliexpress")]
    [InlineData("can I restore a deleted account")]
    public void Understand_SomethingElseOnAliExpress_NeitherAnswersNorOffers(string text)
    {
        var reading = fixture.Understanding.Understand(text, "ru");

        Assert.Equal(TopicKind.OutOfScope, fixture.Understanding.Explain(text).Best?.Topic.Kind);
        Assert.Null(reading.Match);
        Assert.Empty(reading.Suggestions);
    }

    /// <summary>The out-of-scope phrases do not take the account's own questions.</summary>
    [Theory]
    [InlineData("ru", "как удалить свой профиль на алиэкспресс навсегда", "overview")]
    [InlineData("en", "will my unpaid orders get cancelled when I delete", "consequence:deals-deleted")]
    // Not a how-question: the out-of-scope how-to "как отменить заказ" agrees with it only by half.
    [InlineData("ru", "заказы отменятся?", "consequence:deals-deleted")]
    // Words spread over several out-of-scope phrases ("money back", "cancel an order") are no one nearby question.
    [InlineData("en", "is the money for a cancelled order returned", "refunds")]
    public void Understand_AccountQuestionNearAnOutOfScopePhrase_StillAnswers(string language, string text, string expected) =>
        AssertLandsOn(language, text, expected);

    /// <summary>
    /// A how-question naming none of the guide's task words (content <c>task_words:</c>) before any "without"/"без" asks
    /// how to do something else: a consequence or a reason option sharing its words is offered, not answered.
    /// </summary>
    [Theory]
    [InlineData("en", "how do I report a seller who cheated me", "reason:scammed")]
    [InlineData("ru", "как пожаловаться на продавца который меня обманул", "reason:scammed")]
    // What the message does without ("without deleting the account") is not the task it asks about.
    [InlineData("en", "how can I stop the promo emails without deleting the account", "reason:too-many-emails")]
    public void Understand_HowToDoAnotherTask_OffersButDoesNotAnswer(string language, string text, string offered)
    {
        var reading = fixture.Understanding.Understand(text, language);

        Assert.True(fixture.Understanding.Explain(text).AsksAnotherTask, Describe(text));
        Assert.Null(reading.Match);
        Assert.Contains(Topic(offered), reading.Suggestions);
    }

    /// <summary>The same question naming a task word ("причину", "reason") is the guide's own, and answered.</summary>
    [Theory]
    [InlineData("en", "how do I pick the reason if a seller cheated me", "reason:scammed")]
    [InlineData("ru", "как выбрать причину если продавец обманул", "reason:scammed")]
    public void Understand_HowQuestionNamingTheTask_IsAnswered(string language, string text, string expected)
    {
        Assert.False(fixture.Understanding.Explain(text).AsksAnotherTask, Describe(text));
        AssertLandsOn(language, text, expected);
    }

    /// <summary>
    /// A sub-step the message says was done ("нажал", "pressed") is not answered when the screen after it is a reading
    /// too: the user asks what comes next, so both are offered.
    /// </summary>
    [Theory]
    [InlineData("ru", "нажал последнюю кнопку, аккаунт уже удалён?", "step:form-submit", "done")]
    public void Understand_StepTheMessageSaysWasDone_OffersItAndTheNextScreen(string language, string text, string done, string next)
    {
        var best = Assert.NotNull(fixture.Understanding.Explain(text).Best);
        var reading = fixture.Understanding.Understand(text, language);

        Assert.True(best.IsNarrated, Describe(text));
        Assert.Null(reading.Match);
        Assert.Equal([Topic(done), Topic(next)], reading.Suggestions.Take(2));
    }

    /// <summary>A quoted option beside the list's own words ("в списке причин") is still that option.</summary>
    [Theory]
    [InlineData("ru", "что значит I was scammed в списке причин", "reason:scammed")]
    [InlineData("en", "what does I was scammed mean in the reason list", "reason:scammed")]
    public void Understand_QuotedOptionBesideTheListsWords_IsThatOption(string language, string text, string expected)
    {
        Assert.True(fixture.Understanding.Explain(text).Best?.IsQuote, Describe(text));
        AssertLandsOn(language, text, expected);
    }

    /// <summary>
    /// A reason option whose own words (those the list lacks) rank at least half as well as the form's reason line
    /// contests it: the message tells a situation as well as asking which reason to pick.
    /// </summary>
    [Theory]
    [InlineData(4.5, null)]
    [InlineData(2.0, "step:form-reason")]
    public void Decide_ReasonLineAgainstAnOptionsOwnWords_IsContestedFromHalfItsRank(double optionDistinctRank, string? expected)
    {
        var line = new TopicCandidate(Topic("step:form-reason"), 9f, 0.8, 0.8) { DistinctRank = 8 };
        var option = new TopicCandidate(Topic("reason:found-product"), 6f, 0.5, 0.7) { List = Topic("reasons"), DistinctRank = optionDistinctRank };
        var result = new MatchResult(["нашел", "поставщик", "причин", "указа"], [line, option]);

        var decided = fixture.Understanding.Decide(result, fixture.Understanding.MinConfidence);

        Assert.True(line.Rank is > 7.9 and < 8.1);
        Assert.Equal(expected, decided is { } match ? TopicNames.Format(match.Topic, fixture.Catalog.DefaultGuide) : null);
    }

    /// <summary>
    /// A message asking what comes of something ("что будет") or where something is ("где") is not answered by a topic
    /// whose texts never say it while a plausible topic of another screen does; with the question word gone, or said by
    /// the best topic too, or said only by an out-of-scope phrase, the same ranking answers.
    /// </summary>
    [Theory]
    [InlineData(QuestionKind.Outcome, QuestionKind.None, "consequences", QuestionKind.Outcome, null)]
    [InlineData(QuestionKind.None, QuestionKind.None, "consequences", QuestionKind.Outcome, "overview")]
    [InlineData(QuestionKind.Place, QuestionKind.None, "part:1", QuestionKind.Place, null)]
    [InlineData(QuestionKind.Place, QuestionKind.Place, "part:1", QuestionKind.Place, "overview")]
    [InlineData(QuestionKind.Place | QuestionKind.Outcome, QuestionKind.Outcome, "part:1", QuestionKind.Place, null)]
    [InlineData(QuestionKind.Place, QuestionKind.None, "part:1", QuestionKind.Outcome, "overview")]
    [InlineData(QuestionKind.Place, QuestionKind.None, "out-of-scope:where is my parcel", QuestionKind.Place, "overview")]
    public void Decide_QuestionTheBestTopicNeverAnswers_IsNotAnswered(QuestionKind asks, QuestionKind bestAnswers, string other, QuestionKind otherAnswers, string? expected)
    {
        var overview = new TopicCandidate(Topic("overview"), 8.71f, 0.95, 0.95) { Answers = bestAnswers };
        var runnerUp = new TopicCandidate(Topic(other), 8.54f, 0.61, 0.61) { Answers = otherAnswers };
        var result = new MatchResult(["где", "что", "будет", "деактивир", "профил"], [overview, runnerUp]) { Asks = asks };

        var decided = fixture.Understanding.Decide(result, fixture.Understanding.MinConfidence);

        Assert.Equal(expected, decided is { } match ? TopicNames.Format(match.Topic, fixture.Catalog.DefaultGuide) : null);
    }

    /// <summary>
    /// A story mostly of words the guide does not use explains too little of itself for the usual confidence, but one
    /// section with strong evidence, far ahead of every other screen, answers it.
    /// </summary>
    [Theory]
    [InlineData("en", "bought a watch, paid in full, nothing ever shipped, the store just disappeared", "reason:scammed")]
    public void Understand_StoryWithOneSectionFarAhead_AnswersIt(string language, string text, string expected)
    {
        var best = Assert.NotNull(fixture.Understanding.Explain(text).Best);
        Assert.True(best.Confidence < fixture.Understanding.MinConfidence, Describe(text));

        AssertLandsOn(language, text, expected);
    }

    /// <summary>
    /// A story asked in the words of the list of reasons ("which reason do I pick on the form") is that story's option:
    /// the list's words count for each option it lists, so the question part no longer dilutes the story.
    /// </summary>
    [Theory]
    [InlineData("en", "i typed my email wrong when signing up, which reason do i pick on the form", "reason:invalid-email")]
    [InlineData("en", "made this account by accident, what reason should i choose on the form", "reason:registered-by-mistake")]
    [InlineData("ru", "спам от али достал, какую причину выбрать в форме?", "reason:too-many-emails")]
    public void Understand_StoryAskedInTheListsWords_IsThatOption(string language, string text, string expected)
    {
        var option = Assert.Single(fixture.Understanding.Explain(text).Candidates, c => c.Topic == Topic(expected));
        Assert.True(option.Coverage < fixture.Understanding.MinConfidence && option.Confidence >= fixture.Understanding.MinConfidence, Describe(text));

        AssertLandsOn(language, text, expected);
    }

    /// <summary>
    /// A runner-up within 3 % of the best reading is a dead heat even when it explains less of the message than the
    /// answer needs: the winner is a guess, so both are offered. One too unsure to be offered does not contest.
    /// </summary>
    [Theory]
    [InlineData(0.31, false)]
    [InlineData(0.2, true)]
    public void Read_RunnerUpNearlyTied_ContestsOnlyWhenPlausible(double runnerUpConfidence, bool answers)
    {
        // Ranks 8·√0.5 ≈ 5.66 and 10·√0.31 ≈ 5.57: 1.6 % apart.
        var best = new TopicCandidate(Topic("reason:scammed"), 8f, 0.5, 0.6);
        var runnerUp = new TopicCandidate(Topic("reason:other"), 10f, 0.31, runnerUpConfidence);

        var reading = fixture.Understanding.Read(new MatchResult(["переезжа", "доставля", "списк"], [best, runnerUp]));

        Assert.Equal(answers, reading.Match is not null);
        Assert.Equal(answers ? [] : [best.Topic, runnerUp.Topic], reading.Suggestions);
    }

    /// <summary>
    /// An answer carries the other readings, offered if the user says it is not what they asked: any guide section with
    /// evidence enough to answer, however far behind, but never the answered screen (a part and its first sub-step are
    /// one), an out-of-scope phrase, or a reading with too little evidence.
    /// </summary>
    [Fact]
    public void Read_Answer_CarriesTheOtherScreensItMayMean()
    {
        var best = new TopicCandidate(Topic("part:2"), 9f, 0.9, 0.9);
        var firstSubStep = new TopicCandidate(Topic("step:form-email"), 8f, 0.5, 0.5);
        var outOfScope = new TopicCandidate(Topic("out-of-scope:delete a product review"), 7f, 0.5, 0.5);
        var farBehind = new TopicCandidate(Topic("step:form-phrase"), 3f, 0.4, 0.4);
        var tooLittleEvidence = new TopicCandidate(Topic("reasons"), 2f, 0.5, 0.5);

        var reading = fixture.Understanding.Read(new MatchResult(["форм", "заполн"], [best, firstSubStep, outOfScope, farBehind, tooLittleEvidence]));

        Assert.Equal(best.Topic, reading.Match?.Topic);
        Assert.Equal([farBehind.Topic], reading.Suggestions);
    }

    /// <summary>Near neighbours answered wrongly have the right section among the answer's other readings.</summary>
    [Theory]
    [InlineData("en", "what reasons can i choose from in the deletion form", "step:form-reason", "reasons")]
    [InlineData("ru", "наконец нашёл производителя, который мне подходит, так что али больше не нужен", "reason:cant-find-product", "reason:found-product")]
    public void Understand_NearNeighbourAnswered_OffersTheRightOneAfterIt(string language, string text, string answered, string offered)
    {
        var reading = fixture.Understanding.Understand(text, language);

        Assert.Equal(Topic(answered), reading.Match?.Topic);
        Assert.Contains(Topic(offered), reading.Suggestions);
    }

    /// <summary>
    /// Two items of one list are told apart by the words the list itself lacks: when those put the runner-up first, the
    /// list's shared words ("после деактивации") decided, and the bot offers both. Items of different lists, or a
    /// runner-up the distinct words rank lower, leave the answer standing.
    /// </summary>
    [Theory]
    [InlineData("consequence:no-trading", 5.0, false)]
    [InlineData("consequence:no-trading", 1.0, true)]
    [InlineData("reason:retired", 5.0, true)]
    public void Read_SiblingFirstOnTheListsMissingWords_ContestsTheAnswer(string runnerUpName, double runnerUpDistinctRank, bool answers)
    {
        var consequences = Topic("consequences");
        var best = new TopicCandidate(Topic("consequence:messages-erased"), 8f, 0.84, 0.84) { List = consequences, DistinctRank = 2 };
        var runnerUp = new TopicCandidate(Topic(runnerUpName), 6.5f, 0.6, 0.9)
        {
            List = runnerUpName.StartsWith("consequence:", StringComparison.Ordinal) ? consequences : Topic("reasons"),
            DistinctRank = runnerUpDistinctRank,
        };

        var reading = fixture.Understanding.Read(new MatchResult(["продава", "после", "деактивац"], [best, runnerUp]));

        Assert.Equal(answers, reading.Match is not null);
    }

    /// <summary>
    /// A short follow-up is read in the light of the section the user was last shown: a near tie goes to that section
    /// ("а почта?" is the e-mail's consequence after the consequences and the form's e-mail line at the form), while
    /// a message plainly about something else is not pulled into it.
    /// </summary>
    [Theory]
    [InlineData("ru", "а почта?", null, "consequence:email-reuse")]
    [InlineData("ru", "а почта?", "step:form-phrase", "step:form-email")]
    [InlineData("en", "and my email?", "consequence:deals-deleted", "consequence:email-reuse")]
    [InlineData("en", "and my email?", "step:form-reason", "step:form-email")]
    [InlineData("ru", "что будет с заказами", "step:form-email", "consequence:deals-deleted")]
    [InlineData("en", "where is the deactivate link", "consequences", "step:deactivate-link")]
    public void Understand_NearTheShownSection_ReadsAFollowUpInItsLight(string language, string text, string? near, string expected)
    {
        var match = fixture.Understanding.Understand(text, language, near is null ? null : Topic(near)).Match;

        Assert.True(match is not null, $"'{text}' fell back near {near}");
        Assert.Equal(Topic(expected), match.Value.Topic);
    }

    /// <summary>An option asked about ("что значит I was scammed", "what does Other mean"), or typed with a typo, is a quote of it.</summary>
    [Theory]
    [InlineData("ru", "что значит i was scammed", "reason:scammed")]
    [InlineData("ru", "что означает other", "reason:other")]
    [InlineData("en", "what does i was scammed mean", "reason:scammed")]
    // "registred" is itself a guide word (registration, in the invalid e-mail option), read also as "registered".
    [InlineData("en", "i registred by mistake", "reason:registered-by-mistake")]
    [InlineData("ru", "что за вариант i registred by mistake", "reason:registered-by-mistake")]
    [InlineData("en", "what does the option Other mean", "reason:other")]
    // One word of an option asked about is the option it starts.
    [InlineData("ru", "что означает I'm retired", "reason:retired")]
    public void Understand_OptionAskedAboutOrMisspelt_IsThatOption(string language, string text, string expected) =>
        AssertLandsOn(language, text, expected);

    /// <summary>Other forms of an outcome question ("что станет", "случится", "what happened") read as "будет" / "happen".</summary>
    [Theory]
    [InlineData("что станет с заказами", "будет")]
    [InlineData("что случится с перепиской", "будет")]
    [InlineData("что произойдёт с почтой", "будет")]
    [InlineData("what happened to my orders", "happen")]
    public void Explain_OutcomeQuestionForms_ReadAsOneWord(string text, string outcome) =>
        Assert.Contains(outcome, fixture.Understanding.Explain(text).Words);

    /// <summary>"не нашёл нужный товар" is a phrase of cant-find-product; without the "не" the user found it.</summary>
    [Theory]
    [InlineData("нашёл нужный товар", "reason:found-product")]
    [InlineData("не нашёл нужный товар", "reason:cant-find-product")]
    [InlineData("found the right product", "reason:found-product")]
    [InlineData("can't find the right product", "reason:cant-find-product")]
    public void Understand_NegationPresentOrAbsent_PicksTheSectionSayingThat(string text, string expected)
    {
        Assert.Equal(Topic(expected), fixture.Understanding.Explain(text).Best?.Topic);
    }

    /// <summary>A misspelt question word is read as one instead of an unknown word that drags the confidence down.</summary>
    [Theory]
    [InlineData("wher is the delete button", "where")]
    [InlineData("what hapens after deactivation", "happen")]
    public void Explain_MisspeltQuestionWord_ReadsAsTheQuestionWord(string text, string questionWord) =>
        Assert.Contains(questionWord, fixture.Understanding.Explain(text).Words);

    [Theory]
    [InlineData("удалить страницу вконтакте")]
    [InlineData("how do I delete my facebook account")]
    [InlineData("как удалить аккаунт в телеграме")]
    [InlineData("😂😂😂")]
    [InlineData("привет")]
    [InlineData("ghbdtn")]
    [InlineData("какая погода завтра")]
    [InlineData("tell me a joke")]
    [InlineData("🙂")]
    [InlineData("what time is it")]
    public void Understand_OffTopic_FallsBack(string text) =>
        Assert.True(fixture.Understanding.Understand(text, "ru").Match is null, Describe(text));

    public static TheoryData<string> OddInputs() => new()
    {
        "",
        "   \t\n",
        new string('a', 100_000),
        string.Join(' ', Enumerable.Repeat("заказ удалить аккаунт форма", 5_000)),
        "\0\u0001\u001b[31m",
        "\ud83d",
        "🙂🙂🙂🙂🙂🙂🙂🙂",
        "<script>alert(1)</script>",
        "{\"update_id\": 1, \"message\": null",
        "ёЁйЙ’‘ʼ`",
    };

    [Theory]
    [MemberData(nameof(OddInputs))]
    public void Understand_OddInput_NeverThrows(string text)
    {
        var exception = Record.Exception(() => fixture.Understanding.Understand(text, "ru"));
        Assert.Null(exception);
    }

    [Fact]
    public void Explain_WrongLayout_ShowsTheRepairedWords() =>
        Assert.Equal(["удал", "аккаунт"], fixture.Understanding.Explain("elfkbnm frrfeyn").Words);

    [Fact]
    public void Understand_ContentChanged_RebuildsTheIndexWithTheNewPhrases()
    {
        var content = new ChangingContent(fixture.Catalog);
        using var understanding = new LuceneTextUnderstanding(content, Options.Create(new UnderstandingOptions()));
        Assert.Null(understanding.Understand("квазиблорп", "ru").Match);

        content.Publish(WithExtraRefundPhrase(fixture.Catalog, "квазиблорп"));

        Assert.Equal(TopicKind.Refunds, understanding.Understand("квазиблорп", "ru").Match?.Topic.Kind);
    }

    [Fact]
    public void Understand_ReloadThatCannotBeIndexed_KeepsThePreviousIndex()
    {
        var content = new ChangingContent(fixture.Catalog);
        using var understanding = new LuceneTextUnderstanding(content, Options.Create(new UnderstandingOptions()));

        content.Publish(new ContentCatalog(new Dictionary<string, LanguagePack>(), "ru", []));

        Assert.NotNull(understanding.Understand("что будет с заказами", "ru").Match);
    }

    private Topic Topic(string name)
    {
        Assert.True(TopicNames.TryParse(name, fixture.Catalog.DefaultGuide, out var topic), name);
        return topic;
    }

    private void AssertLandsOn(string language, string text, string expected)
    {
        var topic = Topic(expected);
        var match = fixture.Understanding.Understand(text, language).Match;
        Assert.True(match is not null, $"'{text}' fell back: {Describe(text)}");
        Assert.Equal(topic, match.Value.Topic);
    }

    private string Describe(string text) =>
        string.Join(", ", fixture.Understanding.Explain(text).Candidates.Select(c => $"{c.Topic.Kind}:{c.Topic.Id} {c.Score:F2}/{c.Coverage:F2}/{c.Confidence:F2}"));

    private static ContentCatalog WithExtraRefundPhrase(ContentCatalog catalog, string phrase)
    {
        var languages = catalog.Languages.ToDictionary(
            l => l.Key,
            l => l.Value with
            {
                Guides = l.Value.Guides.ToDictionary(
                    g => g.Key,
                    g => g.Value with { Consequences = g.Value.Consequences! with { AdviceMatch = [.. g.Value.Consequences.AdviceMatch, phrase] } }),
            });
        return catalog with { Languages = languages };
    }

    private sealed class ChangingContent(ContentCatalog initial) : IContentProvider
    {
        public ContentCatalog Current { get; private set; } = initial;

        public event Action<ContentCatalog>? Changed;

        public void Publish(ContentCatalog catalog)
        {
            Current = catalog;
            Changed?.Invoke(catalog);
        }
    }
}
