using System.Diagnostics;
using System.Text.Json;

namespace Sagas.Benchmarks;

/// <summary>
/// How long the saga list an operator pages through takes to answer, over real HTTP to the
/// orchestrator's own endpoint: the whole request, parsing, query, JSON and loopback included.
/// </summary>
public static class ApiLatency
{
    const int WarmUps = 2;
    const int Repetitions = 20;

    /// <summary>Page 20 is as deep as people page; each page starts from the previous one's cursor.</summary>
    const int DeepPage = 20;

    const string FirstPage = "/api/sagas?type=Transfer&limit=50";

    /// <param name="account">An account with many transfers, for the search by attribute.</param>
    public static async Task PrintAsync(HttpClient http, string account, CancellationToken cancellationToken)
    {
        var queries = new List<(string Label, string? Path)>
        {
            (FirstPage, FirstPage),
            ("/api/sagas?type=Transfer&state=Refunded&limit=50", "/api/sagas?type=Transfer&state=Refunded&limit=50"),
            ($"/api/sagas?type=Transfer&attr.fromAccount={account}&limit=50", $"/api/sagas?type=Transfer&attr.fromAccount={Uri.EscapeDataString(account)}&limit=50"),
            ($"{FirstPage}&page=<cursor of page {DeepPage}>", await DeepPagePathAsync(http, cancellationToken)),
            ("/api/sagas?limit=50", "/api/sagas?limit=50"),
        };

        foreach (var (label, path) in queries)
        {
            if (path is null)
            {
                Console.WriteLine($"api         GET {label}: n/a, fewer than {DeepPage} pages");
                continue;
            }

            var milliseconds = new double[Repetitions];
            var items = 0;
            for (var i = -WarmUps; i < Repetitions; i++)
            {
                var timer = Stopwatch.StartNew();
                using var page = await GetAsync(http, path, cancellationToken);
                if (i >= 0)
                    milliseconds[i] = timer.Elapsed.TotalMilliseconds;
                items = page.RootElement.GetProperty("items").GetArrayLength();
            }

            Array.Sort(milliseconds);
            Console.WriteLine($"api         GET {label}: p50 {milliseconds[Repetitions / 2 - 1]:0.0} ms, max {milliseconds[^1]:0.0} ms " +
                              $"({items} sagas, {Repetitions} requests after {WarmUps})");
        }
    }

    /// <summary>The request for page <see cref="DeepPage"/>, found by following the cursors; null when the list is shorter.</summary>
    static async Task<string?> DeepPagePathAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var path = FirstPage;
        for (var page = 1; page < DeepPage; page++)
        {
            using var json = await GetAsync(http, path, cancellationToken);
            if (json.RootElement.GetProperty("nextPage").GetString() is not { } next)
                return null;
            path = $"{FirstPage}&page={Uri.EscapeDataString(next)}";
        }

        return path;
    }

    /// <summary>The whole response, read and parsed as a client would; an error fails the run with the API's reason.</summary>
    static async Task<JsonDocument> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }
}
