using System.Globalization;
using System.Text;

namespace Sagas.Tests.Durability.Telemetry;

/// <summary>One sample of a scrape: <c>name{label="value",…} value</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// The Prometheus text exposition format, parsed strictly enough that a malformed line fails the
/// test: <c># TYPE</c> lines give each family's type, every other non-comment line is a sample.
/// </summary>
public sealed class PrometheusText
{
    readonly List<PrometheusSample> _samples = [];
    readonly Dictionary<string, string> _types = [];

    public IReadOnlyList<PrometheusSample> Samples => _samples;

    /// <summary>Metric family name to its type (counter, gauge, histogram, …).</summary>
    public IReadOnlyDictionary<string, string> Types => _types;

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
                continue;
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
                if (parts is ["#", "TYPE", var family, var type])
                    parsed._types[family] = type;
                continue;
            }

            parsed._samples.Add(ParseSample(line));
        }

        return parsed;
    }

    /// <summary>Samples of one name whose labels include every given pair.</summary>
    public IEnumerable<PrometheusSample> Find(string name, params (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    /// <summary>The one sample of that name and labels, or 0 when there is none (a counter not yet incremented is not exported).</summary>
    public double ValueOf(string name, params (string Label, string Value)[] labels)
    {
        var found = Find(name, labels).ToList();
        return found.Count switch
        {
            0 => 0,
            1 => found[0].Value,
            _ => throw new InvalidOperationException($"{found.Count} samples of {name} match {string.Join(",", labels)}"),
        };
    }

    static PrometheusSample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
            i++;
        var name = line[..i];
        if (name.Length == 0)
            throw new FormatException($"No metric name in '{line}'");

        var labels = new Dictionary<string, string>();
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                var label = line[i..equals].Trim();
                if (line[equals + 1] != '"')
                    throw new FormatException($"Unquoted value of {label} in '{line}'");
                i = equals + 2;
                var value = new StringBuilder();
                for (; line[i] != '"'; i++)
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch { 'n' => '\n', var c => c });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }
                }

                labels[label] = value.ToString();
                i++;
                if (line[i] == ',')
                    i++;
            }

            i++;
        }

        var rest = line[i..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2)
            throw new FormatException($"Expected a value (and maybe a timestamp) in '{line}'");
        var number = rest[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(name, labels, number);
    }
}
