namespace CooperationPlatform.AppHost.Containers;

/// <summary>The servers' images, built from Debian's packages by eng/containers/build-images.sh.</summary>
public static class ServerImages
{
    public const string Postgres = "cooperation/postgres:15";
    public const string Redis = "cooperation/redis:7";
    public const string RabbitMq = "cooperation/rabbitmq:3.10";
}
