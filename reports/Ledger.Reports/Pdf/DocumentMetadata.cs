using NodaTime;

namespace Ledger.Reports.Pdf;

/// <summary>
/// The PDF's information dictionary. <see cref="Created"/> is fixed by the caller (derived from the
/// period the document covers, never the clock), so the same input gives a byte-identical file.
/// </summary>
public sealed record DocumentMetadata
{
    /// <summary>Creates metadata; <see cref="Modified"/> defaults to <paramref name="created"/>.</summary>
    /// <param name="title">The document's title.</param>
    /// <param name="author">Who it is from (the council or service).</param>
    /// <param name="subject">What it is about.</param>
    /// <param name="created">The creation date written into the file.</param>
    /// <exception cref="ArgumentException">The title is empty.</exception>
    public DocumentMetadata(string title, string author, string subject, Instant created)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(subject);
        Title = title;
        Author = author;
        Subject = subject;
        Created = created;
        Modified = created;
    }

    /// <summary>The title (shown by PDF readers in the window title).</summary>
    public string Title { get; init; }

    /// <summary>The author.</summary>
    public string Author { get; init; }

    /// <summary>The subject.</summary>
    public string Subject { get; init; }

    /// <summary>Keywords, or empty.</summary>
    public string Keywords { get; init; } = "";

    /// <summary>The application that made the document.</summary>
    public string Creator { get; init; } = "Ledger";

    /// <summary>The creation date.</summary>
    public Instant Created { get; init; }

    /// <summary>The modification date (the creation date unless set).</summary>
    public Instant Modified { get; init; }
}

/// <summary>The document cannot be laid out (an element that fits on no page, a header taller than the page).</summary>
public sealed class LayoutException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LayoutException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What does not fit, and where.</param>
    public LayoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What does not fit.</param>
    /// <param name="innerException">The cause.</param>
    public LayoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A PDF could not be written to its path (missing folder, no permission, the path is a folder, disk
/// full). No file is left behind: neither a partial file at the path nor the temporary file.
/// </summary>
public sealed class PdfWriteException : IOException
{
    /// <summary>Creates the exception.</summary>
    public PdfWriteException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be written, and why.</param>
    public PdfWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be written, and why.</param>
    /// <param name="innerException">The cause.</param>
    public PdfWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The path that could not be written.</summary>
    public string? Path { get; init; }
}
