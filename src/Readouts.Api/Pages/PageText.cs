using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Readouts.Api.Topics;

namespace Readouts.Api.Pages;

/// <summary>How the pages write dates, durations and languages, and build their links.</summary>
public static class PageText
{
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Month(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A lead as people say it: 2 h 15 min, 3 days 4 h, 40 s.</summary>
    public static string Duration(long seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(span.Days == 1 ? "1 day" : $"{span.Days} days");
        }

        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours} h");
        }

        if (span.Minutes > 0 && span.Days == 0)
        {
            parts.Add($"{span.Minutes} min");
        }

        return parts.Count > 0 ? string.Join(' ', parts) : $"{span.Seconds} s";
    }

    /// <summary>The English name of a BCP 47 language (tr → Turkish), or the code itself when there is none.</summary>
    public static string LanguageName(string language)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(language);
            return culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal) ? language : culture.EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return language;
        }
    }

    /// <summary>rtl for languages written right to left (ar, fa, he, ur …), as the system's culture data says.</summary>
    public static string Direction(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft ? "rtl" : "ltr";
        }
        catch (CultureNotFoundException)
        {
            return "auto";
        }
    }

    /// <summary>Links in a row, "a, b and c" (the texts escaped as everywhere), with no stray spaces between them and what follows.</summary>
    public static IHtmlContent Links(IReadOnlyList<(string Href, string Text)> links, string separator = ", ", string? last = null)
    {
        var html = new HtmlContentBuilder();
        for (var i = 0; i < links.Count; i++)
        {
            if (i > 0)
            {
                html.Append(i == links.Count - 1 && last is not null ? last : separator);
            }

            html.AppendHtml("<a href=\"").Append(links[i].Href).AppendHtml("\">").Append(links[i].Text).AppendHtml("</a>");
        }

        return html;
    }

    /// <summary>Names in a row, each marked with its language where it has one.</summary>
    public static IHtmlContent Names(IReadOnlyList<(string Text, string? Language)> names)
    {
        var html = new HtmlContentBuilder();
        for (var i = 0; i < names.Count; i++)
        {
            html.Append(i > 0 ? ", " : "");
            if (names[i].Language is { } language)
            {
                html.AppendHtml("<span lang=\"").Append(language).AppendHtml("\" dir=\"").Append(Direction(language)).AppendHtml("\">").Append(names[i].Text).AppendHtml("</span>");
            }
            else
            {
                html.Append(names[i].Text);
            }
        }

        return html;
    }

    public static string LeaderHref(string slug) => $"/leaders/{Uri.EscapeDataString(slug)}";

    public static string SourceHref(string slug) => $"/?source={Uri.EscapeDataString(slug)}";

    public static string TopicHref(TopicRef topic) => $"/topics/{Uri.EscapeDataString(topic.Slug)}";

    /// <summary>This page's address with its query but another cursor: the next page of a list.</summary>
    public static string WithCursor(HttpRequest request, string cursor)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => q.Key != "cursor" && !StringValues.IsNullOrEmpty(q.Value))
            .SelectMany(q => q.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create("cursor", (string?)cursor));
        return request.Path + QueryString.Create(query);
    }

    /// <summary>The page's absolute address, for its canonical link.</summary>
    public static string Absolute(HttpRequest request, string pathAndQuery) => $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
}
