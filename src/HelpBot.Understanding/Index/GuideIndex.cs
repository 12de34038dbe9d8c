using HelpBot.Engine.Content;
using HelpBot.Engine.Understanding;
using HelpBot.Understanding.Analysis;
using HelpBot.Understanding.Repair;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace HelpBot.Understanding.Index;

/// <summary>
/// An in-memory Lucene index of one content version: every phrase and text of every topic, in every language,
/// in one field, ranked with BM25. Immutable once built, so searches need no locks and a content reload swaps
/// a whole new index in.
/// </summary>
internal sealed class GuideIndex : IDisposable
{
    public const string TextField = "text";
    private const string OrdinalField = "ordinal";
    private const int TopicsReturned = 5;
    private const int MinFuzzyLength = 4;
    private const int MaxFuzzyLength = 24;
    private const int MaxCharacters = 1_000;
    private const int MinFamilyPrefix = 4;
    private const int MaxFamilyTail = 3;
    private const int MaxCandidatesPerWord = 4;
    private const float FamilyWeight = 1f;

    /// <summary>
    /// A word the guide itself uses reads as its other family stems only as surely as a synonym: Snowball splits one
    /// word ("удал"/"удален"), but also keeps apart words that differ ("продава" to sell, "продавц" a seller).
    /// </summary>
    private const float KnownWordFamilyWeight = 0.8f;
    private const float TypoWeight = 1f;

    /// <summary>A word read as another of its synonym group counts a little less than the word itself.</summary>
    private const float SynonymWeight = 0.8f;

    /// <summary>
    /// Words of the guide's own, not ordinary ones, a message needs before its unknown ordinary words are discounted:
    /// with one ("good morning" has "good", "reason … among" only "option") the discount lifted wrong guesses too.
    /// </summary>
    private const int MinSpecificWords = 2;

    /// <summary>
    /// Question words and negation rank, but less than words that name something; words asking for an outcome
    /// ("what happens", "что будет после") rank fully, as they tell what comes after a step from the step itself.
    /// </summary>
    private const float FunctionWeight = 0.25f;

    /// <summary>
    /// A short negated phrase matched by a message without negation says the opposite ("не нашёл товар" against
    /// "нашёл производителя"), so it counts this much. The reverse is common and harmless ("не могу найти ссылку
    /// deactivate" still means the link), so a negated message is not held against plain phrases.
    /// </summary>
    private const float NegatedPhraseWeight = 0.5f;

    /// <summary>
    /// How surely a topic has a word only its enclosing section's texts have (<see cref="TopicDocuments.Enclosing"/>): as
    /// surely as a synonym. Fully, a sub-step alone would answer every question about its part.
    /// </summary>
    private const float EnclosingWeight = 0.8f;

    /// <summary>
    /// How much more a topic of the section the user was last shown scores: enough to settle a near tie ("а почта?"),
    /// far too little to override a message plainly about something else.
    /// </summary>
    private const float NearSectionBoost = 1.25f;

    /// <summary>How much evidence spread over a topic's other texts adds to its best single text.</summary>
    private const float SpreadWeight = 0.25f;

    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\u00A0'];
    private static readonly System.Buffers.SearchValues<char> LayoutPunctuation = System.Buffers.SearchValues.Create(",.;'[]`");

    private readonly GuideAnalyzer _analyzer;
    private readonly UnderstandingOptions _options;
    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Topic[] _topics;
    /// <summary>Per topic, the index of its enclosing section's topic, or -1.</summary>
    private readonly int[] _enclosingOf;
    /// <summary>Per topic, the index of the section it belongs to on screen: its list (<see cref="TopicDocuments.Enclosing"/>), a sub-step's part, or its own.</summary>
    private readonly int[] _sectionOf;
    private readonly Dictionary<Topic, int> _topicIndex;
    private readonly int[] _topicOfDocument;
    private readonly float[] _weightOfDocument;
    /// <summary>Per text: whether it is a short phrase with a negation; long texts' negations belong to other sentences.</summary>
    private readonly bool[] _negatedPhrase;
    /// <summary>
    /// Per text: whether it is an out-of-scope phrase. Their question words count fully: "how to" is what sets a nearby
    /// how-to ("как отменить заказ") apart from the guide's fact in the same words ("заказы отменят").
    /// </summary>
    private readonly bool[] _outOfScope;

    /// <summary>
    /// Per text: whether it is an out-of-scope how-to ("как отменить заказ"). A message that does not ask how ("а мои
    /// заказы отменятся?") agrees with it as little as with a phrase saying the opposite.
    /// </summary>
    private readonly bool[] _howToPhrase;
    private readonly Dictionary<string, float> _idf;
    /// <summary>Indexed terms and synonyms' stems, sorted: what a message word may be a form or a typo of.</summary>
    private readonly string[] _vocabulary;
    private readonly Dictionary<string, Impact[]> _impacts;
    private readonly TypoIndex _typos;

    /// <summary>Per stem, the stems of the other words of its synonym groups (content <c>synonyms:</c>).</summary>
    private readonly Dictionary<string, HashSet<string>> _synonyms;

    /// <summary>The content's words as written, with their stems: a typo is nearer the word than its stem ("chnage" → "change", not "chang").</summary>
    private readonly TypoIndex _surfaceTypos;
    private readonly OptionQuotes _quotes;
    private readonly Dictionary<string, string> _stemOfSurface = new(StringComparer.Ordinal);

    /// <summary>Terms of the guide's own texts, without its out-of-scope phrases: a word only those use ("parcel") is still read through its synonyms.</summary>
    private readonly HashSet<string> _guideTerms = new(StringComparer.Ordinal);

    /// <summary>Question words, for misspelt ones ("wher", "hapens"); negations are left out, so "note" never reads as "not".</summary>
    private static readonly TypoIndex FunctionTypos = new(
        StopWords.Function.Where(w => !StopWords.Negation.Contains(w)), MinFuzzyLength);
    private readonly float _unknownIdf;
    private readonly IReadOnlySet<string> _commonWords;

    /// <summary>Per guide, the stems of its task words (content <c>task_words:</c>, every language).</summary>
    private readonly Dictionary<string, HashSet<string>> _taskStems;

    private GuideIndex(GuideAnalyzer analyzer, UnderstandingOptions options, IReadOnlySet<string> commonWords, RAMDirectory directory, IReadOnlyList<TopicDocument> documents, IEnumerable<IReadOnlyList<string>> synonymGroups, IReadOnlyDictionary<Topic, Topic> enclosing, IReadOnlyDictionary<Topic, Topic> partsOfSteps, IEnumerable<(string Guide, string Word)> taskWords)
    {
        _commonWords = commonWords;
        _analyzer = analyzer;
        _options = options;
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader);
        var terms = MultiFields.GetTerms(_reader, TextField) ?? throw new InvalidOperationException("the content has no indexable text");

        _topics = documents.Select(d => d.Topic).Distinct().ToArray();
        var topicIndex = _topicIndex = _topics.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        _enclosingOf = _topics.Select(t => enclosing.TryGetValue(t, out var parent) && topicIndex.TryGetValue(parent, out var p) ? p : -1).ToArray();
        _sectionOf = _topics.Select((t, i) => _enclosingOf[i] >= 0 ? _enclosingOf[i]
            : partsOfSteps.TryGetValue(t, out var part) && topicIndex.TryGetValue(part, out var p) ? p : i).ToArray();
        var ordinals = MultiDocValues.GetNumericValues(_reader, OrdinalField);
        _topicOfDocument = new int[_reader.MaxDoc];
        _weightOfDocument = new float[_reader.MaxDoc];
        _negatedPhrase = new bool[_reader.MaxDoc];
        _outOfScope = new bool[_reader.MaxDoc];
        _howToPhrase = new bool[_reader.MaxDoc];
        var formOptions = new List<(Topic, string[])>();
        var reasonListTerms = new HashSet<string>(StringComparer.Ordinal);
        for (var doc = 0; doc < _reader.MaxDoc; doc++)
        {
            var document = documents[(int)ordinals.Get(doc)];
            var topic = topicIndex[document.Topic];
            _topicOfDocument[doc] = topic;
            _outOfScope[doc] = document.Topic.Kind == TopicKind.OutOfScope;
            _weightOfDocument[doc] = document.Kind == TopicDocumentKind.Text ? options.TextWeight : 1f;
            var documentTerms = analyzer.Terms(document.Text);
            if (document.Topic.Kind != TopicKind.OutOfScope)
                _guideTerms.UnionWith(documentTerms.Select(t => t.Text));
            foreach (var term in documentTerms.Where(t => !t.IsFunction))
                _stemOfSurface.TryAdd(term.Surface, term.Text);
            _negatedPhrase[doc] = document.Kind != TopicDocumentKind.Text && documentTerms.Exists(t => StopWords.Negation.Contains(t.Text));
            _howToPhrase[doc] = _outOfScope[doc] && documentTerms.Exists(t => StopWords.How.Contains(t.Text));
            if (document.Kind == TopicDocumentKind.FormOption)
                formOptions.Add((document.Topic, documentTerms.Where(t => !t.IsFunction).Select(t => t.Text).ToArray()));
            if (document.Topic.Kind == TopicKind.Reasons)
                reasonListTerms.UnionWith(documentTerms.Where(t => !t.IsFunction).Select(t => t.Text));
        }

        // BM25's idf for every indexed term, over the guide's own texts (GuideSimilarity); it weighs a message's
        // words for the confidence as well.
        var guideDocFreq = new Dictionary<string, long>(StringComparer.Ordinal);
        var enumerator = terms.GetEnumerator();
        DocsEnum? postings = null;
        var guideTokens = 0L;
        while (enumerator.MoveNext())
        {
            postings = enumerator.Docs(null, postings, DocsFlags.FREQS);
            var docFreq = 0L;
            while (postings.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                if (!_outOfScope[postings.DocID])
                {
                    docFreq++;
                    guideTokens += postings.Freq;
                }
            }
            guideDocFreq[enumerator.Term.Utf8ToString()] = docFreq;
        }
        var count = _outOfScope.Count(o => !o);
        var similarity = new GuideSimilarity(guideDocFreq, count, (float)guideTokens / count);
        _searcher.Similarity = similarity;
        _idf = guideDocFreq.Keys.ToDictionary(t => t, similarity.IdfOf, StringComparer.Ordinal);
        _synonyms = Synonyms(analyzer, synonymGroups);
        _vocabulary = [.. _idf.Keys.Union(_synonyms.Keys).Order(StringComparer.Ordinal)];

        // Each term's BM25 score in every text that has it, computed once by Lucene's searcher. A message's score
        // for a text is the sum of its words' scores there (what a BooleanQuery of SHOULD term clauses computes),
        // so matching only adds stored scores instead of running searches.
        _impacts = new Dictionary<string, Impact[]>(_idf.Count, StringComparer.Ordinal);
        foreach (var term in _idf.Keys)
        {
            _impacts[term] = _searcher.Search(new TermQuery(new Term(TextField, term)), _reader.MaxDoc).ScoreDocs
                .Select(hit => new Impact(hit.Doc, hit.Score * _weightOfDocument[hit.Doc]))
                .ToArray();
        }
        _typos = new TypoIndex(_vocabulary, MinFuzzyLength);
        _quotes = new OptionQuotes(formOptions, analyzer.Terms(string.Join(' ', OptionQuotes.MeaningWords)).Select(t => t.Text).ToHashSet(StringComparer.Ordinal),
            reasonListTerms);
        _surfaceTypos = new TypoIndex(_stemOfSurface.Keys, MinFuzzyLength);
        _unknownIdf = similarity.IdfOf(string.Empty);
        DocumentCount = _reader.NumDocs;
        _taskStems = taskWords.GroupBy(t => t.Guide).ToDictionary(
            g => g.Key,
            g => g.SelectMany(t => analyzer.Terms(t.Word)).Where(t => !t.IsFunction).Select(t => t.Text).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    public int DocumentCount { get; }

    public int TopicCount => _topics.Length;

    /// <param name="commonWords">Stems of ordinary words (<see cref="CommonWords"/>): unknown, they weigh less.</param>
    public static GuideIndex Build(ContentCatalog catalog, GuideAnalyzer analyzer, UnderstandingOptions options, IReadOnlySet<string> commonWords)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var documents = TopicDocuments.From(catalog).ToList();
        var directory = new RAMDirectory();
        try
        {
            var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { Similarity = new BM25Similarity(), OpenMode = OpenMode.CREATE };
            using (var writer = new IndexWriter(directory, config))
            {
                for (var i = 0; i < documents.Count; i++)
                    writer.AddDocument([new Lucene.Net.Documents.TextField(TextField, documents[i].Text, Field.Store.NO), new NumericDocValuesField(OrdinalField, i)]);
                writer.Commit();
            }
            var synonyms = catalog.Languages.Values.SelectMany(l => l.Guides.Values).SelectMany(g => g.Synonyms);
            var taskWords = catalog.Languages.Values.SelectMany(l => l.Guides.Values).SelectMany(g => g.TaskWords.Select(w => (g.Id, w)));
            return new GuideIndex(analyzer, options, commonWords, directory, documents, synonyms, TopicDocuments.Enclosing(catalog), TopicDocuments.PartsOfSteps(catalog), taskWords);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Ranks the topics for a message, the best first: BM25 over the topic's texts, the best single text plus half of
    /// what its other texts add. Never throws for odd input: it just finds nothing.
    /// </summary>
    /// <param name="near">The section the user was last shown: its topics score <see cref="NearSectionBoost"/> times more.</param>
    public MatchResult Match(string text, Topic? near = null)
    {
        var (words, withoutFrom) = Read(text);
        var terms = words.Select(w => w.Term).ToArray();
        // An ordinary word the guide lacks ("elsewhere") weighs less, but only when the message plainly speaks of the
        // guide (two of its words that are not ordinary ones); another site's name is no ordinary word and keeps its weight.
        var specific = words.Count(w => w.IsKnown && !w.IsFunction && !_commonWords.Contains(w.Term)) >= MinSpecificWords;
        var total = words.Sum(w => specific && w.IsCommon ? w.Idf * _options.CommonWordWeight : w.Idf);
        // Question words and negation alone ("где?", "нет") say nothing about a section.
        if (total <= 0 || !words.Any(w => w.IsKnown && w.Idf > 0))
            return new MatchResult(terms, []);

        // Per word, the best score among the topic's texts, summed: evidence spread over several phrases adds up.
        // Alongside, each text's score for the whole message: words found together in one phrase count most.
        var negatedMessage = words.Exists(w => StopWords.Negation.Contains(w.Term));
        var asksHow = words.Exists(w => w.IsFunction && StopWords.How.Contains(w.Term));
        var spread = new float[_topics.Length];
        var wordScores = new float[_topics.Length];
        var textScores = new float[_topicOfDocument.Length];
        // A word stands for one of its readings: in each text it scores as its best one there, so a text holding
        // several synonyms or forms of it is not counted several times.
        var wordTextScores = new float[_topicOfDocument.Length];
        var touched = new List<int>();
        // Per topic, how much of the message its texts account for: each word's idf, times how surely the topic has
        // it (a typo or synonym less, a phrase saying the opposite of the message half: "можно купить?" still asks
        // about "нельзя будет купить").
        var covered = new double[_topics.Length];
        var wordCover = new float[_topics.Length];
        var coveredWithEnclosing = new double[_topics.Length];
        // Per topic, which of the message's question kinds its texts have words of ("что будет", "где"): such words
        // weigh nothing for the confidence but ask what comes of something, or where it is.
        var answers = new QuestionKind[_topics.Length];
        // Per topic, whether a word the message puts in the past tense ("pressed", "нажал") is one of its words.
        var narrated = new bool[_topics.Length];
        var asks = QuestionKind.None;
        // The same scores from only the words a listed topic's list lacks: what tells it from the others of its list.
        var distinctTextScores = new float[_topicOfDocument.Length];
        var distinctSpread = new float[_topics.Length];
        foreach (var word in words)
        {
            Array.Clear(wordScores);
            Array.Clear(wordCover);
            var kind = word.IsFunction ? KindOf(word.Term) : QuestionKind.None;
            asks |= kind;
            var isQuestionWord = word.IsFunction && kind != QuestionKind.Outcome;
            foreach (var candidate in word.Candidates)
            {
                foreach (var impact in _impacts[candidate.Term])
                {
                    var agreement = Agreement(impact.Document, negatedMessage, asksHow);
                    var boost = isQuestionWord && !_outOfScope[impact.Document] ? FunctionWeight : 1f;
                    var score = impact.Score * candidate.Weight * boost * agreement;
                    if (wordTextScores[impact.Document] == 0)
                        touched.Add(impact.Document);
                    wordTextScores[impact.Document] = Math.Max(wordTextScores[impact.Document], score);
                    var topic = _topicOfDocument[impact.Document];
                    wordScores[topic] = Math.Max(wordScores[topic], score);
                    wordCover[topic] = Math.Max(wordCover[topic], candidate.Weight * agreement);
                }
            }
            for (var topic = 0; topic < covered.Length; topic++)
            {
                covered[topic] += word.Idf * wordCover[topic];
                var enclosing = _enclosingOf[topic];
                coveredWithEnclosing[topic] += word.Idf * (enclosing < 0 ? wordCover[topic] : Math.Max(wordCover[topic], EnclosingWeight * wordCover[enclosing]));
                if (wordCover[topic] > 0)
                    answers[topic] |= kind;
                narrated[topic] |= word.IsPastTense && wordCover[topic] > 0;
            }
            foreach (var document in touched)
            {
                textScores[document] += wordTextScores[document];
                distinctTextScores[document] += wordTextScores[document] * Distinctness(_topicOfDocument[document], wordCover);
                wordTextScores[document] = 0;
            }
            touched.Clear();
            for (var topic = 0; topic < spread.Length; topic++)
            {
                spread[topic] += wordScores[topic];
                distinctSpread[topic] += wordScores[topic] * Distinctness(topic, wordCover);
            }
        }

        var scores = TopicScores(textScores, spread);
        var distinctScores = TopicScores(distinctTextScores, distinctSpread);
        if (near is { } shown && _topicIndex.TryGetValue(shown, out var nearTopic))
        {
            for (var topic = 0; topic < scores.Length; topic++)
            {
                if (_sectionOf[topic] == _sectionOf[nearTopic])
                {
                    scores[topic] *= NearSectionBoost;
                    distinctScores[topic] *= NearSectionBoost;
                }
            }
        }

        // A quoted form option is that option, however the ranking reads its words.
        var quoted = _quotes.Find(words.Where(w => !w.IsFunction)
            .Select(w => (w.Term, (IReadOnlyCollection<string>)(w.Candidates.Count > 0 ? w.Candidates.Select(c => c.Term).ToArray() : [w.Term]))).ToArray());
        var candidates = Enumerable.Range(0, _topics.Length).Where(t => scores[t] > 0)
            .Select(t => new TopicCandidate(_topics[t], scores[t], covered[t] / total, coveredWithEnclosing[t] / total)
            {
                IsQuote = _topics[t] == quoted,
                List = _enclosingOf[t] < 0 ? null : _topics[_enclosingOf[t]],
                DistinctRank = distinctScores[t] * Math.Sqrt(covered[t] / total),
                Answers = answers[t],
                IsNarrated = narrated[t],
            })
            .OrderByDescending(c => c.IsQuote).ThenByDescending(c => c.Rank)
            .Take(TopicsReturned).ToArray();
        return new MatchResult(terms, candidates) { Asks = asks, AsksAnotherTask = asksHow && candidates.Length > 0 && !NamesTheTask(words.GetRange(0, withoutFrom), candidates[0].Topic.Guide) };
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private static QuestionKind KindOf(string term) =>
        (StopWords.Outcome.Contains(term) ? QuestionKind.Outcome : QuestionKind.None)
        | (StopWords.Place.Contains(term) ? QuestionKind.Place : QuestionKind.None);

    /// <summary>Whether a message names one of a guide's task words, in any form or reading; a guide without them is named by anything.</summary>
    private bool NamesTheTask(List<QueryWord> words, string guide) =>
        !_taskStems.TryGetValue(guide, out var task) || task.Count == 0
        || words.Exists(w => task.Contains(w.Term) || w.Candidates.Any(c => task.Contains(c.Term)));

    /// <summary>Per topic, its best single text's score plus <see cref="SpreadWeight"/> of what its other texts add.</summary>
    private float[] TopicScores(float[] textScores, float[] spread)
    {
        var scores = new float[_topics.Length];
        for (var document = 0; document < textScores.Length; document++)
        {
            var topic = _topicOfDocument[document];
            scores[topic] = Math.Max(scores[topic], textScores[document]);
        }
        for (var topic = 0; topic < scores.Length; topic++)
            scores[topic] += SpreadWeight * (spread[topic] - scores[topic]);
        return scores;
    }

    /// <summary>How much a word tells a listed topic from the rest of its list: not at all when the list's own texts have it.</summary>
    private float Distinctness(int topic, float[] wordCover) =>
        _enclosingOf[topic] is var list and >= 0 ? 1f - wordCover[list] : 1f;

    private float Agreement(int document, bool negatedMessage, bool asksHow) =>
        (_negatedPhrase[document] && !negatedMessage) || (_howToPhrase[document] && !asksHow) ? NegatedPhraseWeight : 1f;

    /// <summary>How a chunk of a message is read: as typed, as retyped in the other keyboard layout, or transliterated.</summary>
    private enum Repair
    {
        None,
        Retyped,
        Transliterated,
    }

    /// <summary>
    /// The message's words after repair: each whitespace-separated chunk is read as typed, as retyped in the
    /// other keyboard layout and as transliterated, and the reading the guide knows best wins (as typed on a tie).
    /// The repair that most chunks needed is how the whole message was typed, so a chunk it reads as well as the
    /// typed text or another repair ("profil" in "udalit profil", "ne" in "ne mogu najti", which retyped is the stop
    /// word "ту", or a word unknown either way) is read with that repair too. With them, the index of the first word
    /// after "without"/"без" (or their count): what the message does without ("unsubscribe without deleting the
    /// account") is not the task it asks how to do.
    /// </summary>
    private (List<QueryWord> Words, int WithoutFrom) Read(string text)
    {
        var resolved = new Dictionary<string, QueryWord>(StringComparer.Ordinal);
        // A question is short; the tail of a pasted wall of text would only cost time.
        if (text.Length > MaxCharacters)
            text = text[..MaxCharacters];
        var chunks = new List<(string Text, ChunkReading Reading)>();
        var wordCount = 0;
        foreach (var chunk in text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries))
        {
            var reading = ReadChunk(chunk, Repair.None, resolved);
            if (reading.Knownness < 1)
            {
                foreach (var (repair, alternative) in Alternatives(chunk))
                {
                    var other = ReadChunk(alternative, repair, resolved);
                    if (other.Knownness > reading.Knownness)
                        reading = other;
                }
            }
            chunks.Add((chunk, reading));
            wordCount += reading.Words.Count;
            if (wordCount >= _options.MaxWords)
                break;
        }

        var messageRepair = MessageRepair(chunks.Select(c => c.Reading));
        var words = new List<QueryWord>();
        var withoutFrom = -1;
        foreach (var (chunk, typed) in chunks)
        {
            if (withoutFrom < 0 && IsWithout(chunk))
                withoutFrom = words.Count;
            var reading = typed;
            if (messageRepair != Repair.None && reading.Repair != messageRepair)
            {
                foreach (var (repair, alternative) in Alternatives(chunk).Where(a => a.Repair == messageRepair))
                {
                    var other = ReadChunk(alternative, repair, resolved);
                    if (other.Knownness >= reading.Knownness)
                        reading = other;
                }
            }
            // A repeated word adds no information ("2+2", "заказ заказ").
            foreach (var word in reading.Words)
            {
                if (!words.Contains(word))
                    words.Add(word);
            }
        }
        if (words.Count > _options.MaxWords)
            words = words.GetRange(0, _options.MaxWords);
        return (words, withoutFrom < 0 ? words.Count : Math.Min(withoutFrom, words.Count));
    }

    private static bool IsWithout(string chunk)
    {
        var word = chunk.AsSpan().Trim(",.!?;:()\"«»");
        return word.Equals("without", StringComparison.OrdinalIgnoreCase) || word.Equals("без", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The repair at least half of the message's chunks that hold words needed, or none.</summary>
    private static Repair MessageRepair(IEnumerable<ChunkReading> readings)
    {
        var meaningful = readings.Where(r => r.Words.Count > 0 || r.Repair != Repair.None).ToList();
        var (repair, votes) = meaningful.Where(r => r.Repair != Repair.None).GroupBy(r => r.Repair)
            .Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).FirstOrDefault();
        return votes > 0 && votes * 2 >= meaningful.Count ? repair : Repair.None;
    }

    private static IEnumerable<(Repair Repair, string Text)> Alternatives(string chunk)
    {
        if (Scripts.HasLatin(chunk) || chunk.AsSpan().IndexOfAny(LayoutPunctuation) >= 0)
        {
            if (KeyboardLayout.ToCyrillic(chunk) is { } retyped)
                yield return (Repair.Retyped, retyped);
        }
        if (Scripts.HasCyrillic(chunk) && KeyboardLayout.ToLatin(chunk) is { } latin)
            yield return (Repair.Retyped, latin);
        if (Transliteration.ToCyrillic(chunk) is { } transliterated)
            yield return (Repair.Transliterated, transliterated);
    }

    private readonly record struct ChunkReading(List<QueryWord> Words, float Knownness, Repair Repair);

    private ChunkReading ReadChunk(string chunk, Repair repair, Dictionary<string, QueryWord> resolved)
    {
        var terms = _analyzer.Terms(chunk);
        // Only stop words: fully explained (e.g. "xnj" is "что" typed in the wrong layout).
        if (terms.Count == 0)
            return new([], 1, repair);
        var words = new List<QueryWord>(terms.Count);
        var known = 0f;
        foreach (var term in terms)
        {
            if (!resolved.TryGetValue(term.Text, out var word))
            {
                word = term.IsFunction ? Function(term.Text) : MisspeltFunction(term.Text) is { } function ? Function(function) : Resolve(term);
                resolved[term.Text] = word;
            }
            words.Add(!word.IsFunction && Narration.IsPastTense(term.Surface, term.Text) ? word with { IsPastTense = true } : word);
            known += word.Knownness;
        }
        return new(words, known / terms.Count, repair);
    }

    /// <summary>The question word an unknown word is a typo of ("were" for "where"), or null.</summary>
    private string? MisspeltFunction(string term) =>
        _idf.ContainsKey(term) || term.Length < MinFuzzyLength ? null
            : FunctionTypos.Similar(term).OrderByDescending(s => s.Similarity).Select(s => s.Term).FirstOrDefault();

    /// <summary>A question word or negation: it ranks as itself, counts as understood, and adds nothing to the confidence.</summary>
    private QueryWord Function(string term) =>
        new(term, _idf.ContainsKey(term) ? [new TermCandidate(term, 1f)] : [], 0f) { IsFunction = true };

    /// <summary>
    /// The indexed terms a word may stand for: itself, stems of the same word family (Russian stems of one word
    /// differ in their last letters: "удал"/"удален", "обман"/"обманут"), for a word the guide does not know the
    /// nearest terms by edit distance (typos), and the words of the synonym groups any of these belongs to.
    /// </summary>
    private QueryWord Resolve(AnalyzedTerm analyzed)
    {
        var term = analyzed.Text;
        var known = _idf.TryGetValue(term, out var idf);
        var candidates = new Dictionary<string, float>(StringComparer.Ordinal);
        if (known || _synonyms.ContainsKey(term))
            candidates[term] = 1f;
        if (term.Length >= MinFamilyPrefix)
            AddFamily(term, candidates, known ? KnownWordFamilyWeight : FamilyWeight);
        // An ordinary word spelt right ("sending") is no typo of a guide word ("selling").
        if (!candidates.ContainsKey(term) && !_commonWords.Contains(term) && term.Length is >= MinFuzzyLength and <= MaxFuzzyLength)
        {
            foreach (var (similar, similarity) in _typos.Similar(term))
                Offer(candidates, similar, similarity * TypoWeight);
            foreach (var (similar, similarity) in _surfaceTypos.Similar(analyzed.Surface))
                Offer(candidates, _stemOfSurface[similar], similarity * TypoWeight);
        }
        // A word the guide uses is read as itself: its synonyms would pull the message towards other sections'
        // wording ("строка" is in the first line's phrases; "графа" in the second's).
        foreach (var (candidate, weight) in _guideTerms.Contains(term) ? [] : candidates.ToArray())
        {
            if (_synonyms.TryGetValue(candidate, out var synonyms))
            {
                foreach (var synonym in synonyms)
                    Offer(candidates, synonym, weight * SynonymWeight);
            }
        }
        // Synonyms' own stems lead to the guide's words but are not indexed themselves.
        var best = candidates.Where(c => _idf.ContainsKey(c.Key))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(MaxCandidatesPerWord)
            .Select(c => new TermCandidate(c.Key, c.Value)).ToArray();
        if (best.Length == 0)
            return new QueryWord(term, [], _unknownIdf) { IsCommon = _commonWords.Contains(term) };
        return new QueryWord(term, best, known ? idf : best.Max(c => _idf[c.Term]));
    }

    /// <summary>Each synonym group's words as stems, each mapped to the others; a word in several groups joins them all.</summary>
    private static Dictionary<string, HashSet<string>> Synonyms(GuideAnalyzer analyzer, IEnumerable<IReadOnlyList<string>> groups)
    {
        var synonyms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var stems = group.SelectMany(w => analyzer.Terms(w)).Where(t => !t.IsFunction).Select(t => t.Text).Distinct(StringComparer.Ordinal).ToArray();
            foreach (var stem in stems)
            {
                if (!synonyms.TryGetValue(stem, out var others))
                    synonyms[stem] = others = new HashSet<string>(StringComparer.Ordinal);
                others.UnionWith(stems.Where(s => s != stem));
            }
        }
        return synonyms;
    }

    /// <summary>Vocabulary terms sharing a prefix of at least four letters with <paramref name="term"/>, each differing by at most three letters at the end.</summary>
    private void AddFamily(string term, Dictionary<string, float> candidates, float weight)
    {
        var prefix = term[..Math.Max(MinFamilyPrefix, term.Length - MaxFamilyTail)];
        var start = Array.BinarySearch(_vocabulary, prefix, StringComparer.Ordinal);
        for (var i = start < 0 ? ~start : start; i < _vocabulary.Length && _vocabulary[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            var other = _vocabulary[i];
            var common = term.AsSpan().CommonPrefixLength(other);
            if (other != term && other.Length - common <= MaxFamilyTail && term.Length - common <= MaxFamilyTail)
                Offer(candidates, other, weight * (1f + (float)common / Math.Max(term.Length, other.Length)) / 2);
        }
    }

    private static void Offer(Dictionary<string, float> candidates, string term, float weight)
    {
        if (!candidates.TryGetValue(term, out var previous) || weight > previous)
            candidates[term] = weight;
    }
}
