namespace Sagas.Cli.Commands;

public static class QueryString
{
    public static string Append(string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        var pairs = query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}").ToList();
        return pairs.Count == 0 ? path : $"{path}?{string.Join('&', pairs)}";
    }

    public static string Segment(string value) => Uri.EscapeDataString(value);
}
