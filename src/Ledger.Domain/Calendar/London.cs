using NodaTime;

namespace Ledger.Domain.Calendar;

/// <summary>
/// The one time zone business dates are read in (Europe/London): "today" for dating requests and jobs,
/// and the start of a day for "as at" and document dates. Every layer asks here rather than choosing a zone.
/// </summary>
public static class London
{
    /// <summary>Europe/London.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>Today's date in London by <paramref name="clock"/>.</summary>
    public static LocalDate Today(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetCurrentInstant().InZone(Zone).Date;
    }

    /// <summary>The instant a London day starts.</summary>
    public static Instant StartOf(LocalDate day) => day.AtStartOfDayInZone(Zone).ToInstant();

    /// <summary>The London date of an instant.</summary>
    public static LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;
}
