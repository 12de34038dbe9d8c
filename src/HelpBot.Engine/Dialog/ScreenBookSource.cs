using HelpBot.Engine.Content;

namespace HelpBot.Engine.Dialog;

/// <summary>The screens of the content in force, built when first asked for after each reload.</summary>
internal sealed class ScreenBookSource(IContentProvider content)
{
    private volatile ScreenBook? _current;

    public ScreenBook Current
    {
        get
        {
            var catalog = content.Current;
            var book = _current;
            if (!ReferenceEquals(book?.Catalog, catalog))
                _current = book = new ScreenBook(catalog);
            return book!;
        }
    }
}
