namespace Sagas.Durability.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
