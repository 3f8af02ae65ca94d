using Sagas.Durability.Hosting;

namespace Sagas.Tests.Durability.Hosting;

/// <summary><c>ConnectionStrings:RabbitMq</c> names one broker or the nodes of a cluster.</summary>
public class RabbitMqConnectionTests
{
    [Fact]
    public void One_broker_is_one_node()
    {
        var connection = RabbitMqConnection.Parse("amqp://guest:guest@localhost:5672/");
        Assert.Equal(new Uri("amqp://guest:guest@localhost:5672/"), connection.Host);
        Assert.Equal(["localhost:5672"], connection.Nodes);
    }

    [Fact]
    public void A_cluster_lists_its_nodes_and_keeps_the_user_and_virtual_host()
    {
        var connection = RabbitMqConnection.Parse("amqp://app:s3cret@rabbit-1:5672, rabbit-2:5672,rabbit-3/orders");
        Assert.Equal(["rabbit-1:5672", "rabbit-2:5672", "rabbit-3"], connection.Nodes);
        Assert.Equal(("rabbit-1", 5672, "app:s3cret", "/orders"),
            (connection.Host.Host, connection.Host.Port, connection.Host.UserInfo, connection.Host.AbsolutePath));
    }

    [Theory]
    [InlineData("localhost:5672")]
    [InlineData("amqp://guest:s3cret@/")]
    public void A_string_that_names_no_broker_is_refused_without_its_password(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => RabbitMqConnection.Parse(connectionString));
        Assert.Contains("ConnectionStrings:RabbitMq", error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
    }
}
