using System.Globalization;
using System.Text;

namespace Sagas.Operations.Visibility;

/// <summary>
/// Where a page ended: the last row's creation time, its type's place in the catalog and its id.
/// Listings order by (created desc, type, id desc), so the next page starts strictly after it
/// however many rows were added meanwhile, and no page is ever a growing OFFSET.
/// </summary>
readonly record struct SagaPageCursor(DateTime CreatedAt, int TypeIndex, Guid Id)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes($"{CreatedAt.Ticks}.{TypeIndex}.{Id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static SagaPageCursor Decode(string text)
    {
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='))).Split('.');
            return new SagaPageCursor(
                new DateTime(long.Parse(parts[0], CultureInfo.InvariantCulture), DateTimeKind.Utc),
                int.Parse(parts[1], CultureInfo.InvariantCulture),
                Guid.ParseExact(parts[2], "N"));
        }
        catch (Exception exception) when (exception is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new SagaFilterException("page is not a cursor this API returned; start again without it");
        }
    }
}
