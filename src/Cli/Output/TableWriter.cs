namespace Sagas.Cli.Output;

/// <summary>Columns padded to their widest cell, two spaces apart; the last column is not padded so lines carry no trailing blanks.</summary>
public sealed class TableWriter(params string[] headers)
{
    readonly List<string[]> _rows = [];

    public bool ShowHeaders { get; init; } = true;

    public int Count => _rows.Count;

    public TableWriter Add(params string?[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {headers.Length} columns");
        _rows.Add([.. cells.Select(c => (c ?? "").ReplaceLineEndings(" "))]);
        return this;
    }

    public void Write(TextWriter output, string indent = "")
    {
        var lines = ShowHeaders ? _rows.Prepend(headers).ToList() : _rows;
        var widths = Enumerable.Range(0, headers.Length).Select(i => lines.Select(l => l[i].Length).DefaultIfEmpty(0).Max()).ToArray();
        foreach (var line in lines)
        {
            var cells = line.Select((cell, i) => i == line.Length - 1 ? cell : cell.PadRight(widths[i]));
            output.WriteLine(indent + string.Join("  ", cells).TrimEnd());
        }
    }
}
