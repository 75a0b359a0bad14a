using System.Globalization;
using System.Text.Json;

namespace Beamchain.ConsulDouble;

/// <summary>The HTTP calls of shared/CONSUL.md, answered from a <see cref="ConsulCatalog"/> the way the agent does.</summary>
public static class ConsulEndpoints
{
    /// <summary>The node name the double reports; the real agent reports its host name.</summary>
    public const string NodeName = "consul-double";

    private const string LeaderPath = "/v1/status/leader";
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaximumWait = TimeSpan.FromMinutes(10);

    public static void Map(WebApplication app, ConsulCatalog catalog, string? token)
    {
        if (token is not null)
        {
            // Like the agent, status calls need no token: they only say that the agent is up.
            app.Use(async (context, next) =>
            {
                if (context.Request.Path != LeaderPath && context.Request.Headers["X-Consul-Token"] != token)
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsync("Permission denied: the X-Consul-Token header is missing or wrong");
                    return;
                }

                await next(context);
            });
        }

        app.MapPut("/v1/agent/service/register", async (HttpRequest request) =>
        {
            RegistrationBody? body;
            try
            {
                // The agent reads the body as JSON whatever its Content-Type says.
                body = await JsonSerializer.DeserializeAsync<RegistrationBody>(request.Body, RequestJson, request.HttpContext.RequestAborted);
            }
            catch (JsonException e)
            {
                return Results.Text($"Request decode failed: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
            }

            if (body is null)
            {
                return Results.Text("Request decode failed: empty body", statusCode: StatusCodes.Status400BadRequest);
            }

            if (!body.TryToDefinition(out var definition, out var error))
            {
                return Results.Text(error, statusCode: StatusCodes.Status400BadRequest);
            }

            catalog.Register(definition);
            return Results.Ok();
        });

        app.MapPut("/v1/agent/check/pass/{**checkId}", (string checkId) =>
            catalog.PassTtl(checkId)
                ? Results.Ok()
                : Results.Text($"Unknown check ID \"{checkId}\". Ensure that the check ID is passed, not the check name.", statusCode: StatusCodes.Status404NotFound));

        app.MapPut("/v1/agent/service/deregister/{**serviceId}", (string serviceId) =>
            catalog.Deregister(serviceId)
                ? Results.Ok()
                : Results.Text($"Unknown service ID \"{serviceId}\". Ensure that the service ID is passed, not the service name.", statusCode: StatusCodes.Status404NotFound));

        app.MapGet("/v1/health/service/{name}", async (string name, HttpContext context) =>
        {
            var query = context.Request.Query;
            if (!TryReadIndex(query["index"], out var index))
            {
                return Results.Text("Invalid index", statusCode: StatusCodes.Status400BadRequest);
            }

            if (!TryReadWait(query["wait"], out var wait))
            {
                return Results.Text("Invalid wait time", statusCode: StatusCodes.Status400BadRequest);
            }

            var passingOnly = query.TryGetValue("passing", out var passing) && !string.Equals(passing, "false", StringComparison.OrdinalIgnoreCase);
            HealthSnapshot snapshot;
            try
            {
                snapshot = await catalog.WaitForHealthAsync(name, passingOnly, index, wait, context.RequestAborted);
            }
            catch (OperationCanceledException) when (catalog.IsShuttingDown)
            {
                // The agent is going away: its client sees the connection end, as when the real agent's endpoints close.
                context.Abort();
                return Results.Empty;
            }

            context.Response.Headers["X-Consul-Index"] = snapshot.Index.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-Consul-KnownLeader"] = "true";
            context.Response.Headers["X-Consul-LastContact"] = "0";
            return Results.Json(snapshot.Instances.Select(ToHealthEntry));
        });

        app.MapGet(LeaderPath, () => Results.Json("127.0.0.1:8300"));
    }

    private static bool TryReadIndex(string? text, out ulong index)
    {
        index = 0;
        return string.IsNullOrEmpty(text) || ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static bool TryReadWait(string? text, out TimeSpan wait)
    {
        wait = DefaultWait;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!GoDuration.TryParse(text, out wait))
        {
            return false;
        }

        wait = wait > MaximumWait ? MaximumWait : wait;
        return true;
    }

    /// <summary>The wire shape of one health entry; the node's own serfHealth check is listed as the agent lists it.</summary>
    private static object ToHealthEntry(ServiceInstance instance)
    {
        var service = instance.Definition;
        var checks = new List<object>
        {
            new { Node = NodeName, CheckID = "serfHealth", Name = "Serf Health Status", Status = "passing", ServiceID = "", ServiceName = "" },
        };
        if (instance.CheckStatus is { } status)
        {
            checks.Add(new
            {
                Node = NodeName,
                CheckID = service.CheckId,
                Name = $"Service '{service.Name}' check",
                Status = status.ToString().ToLowerInvariant(),
                ServiceID = service.Id,
                ServiceName = service.Name,
            });
        }

        return new
        {
            Node = new { Node = NodeName, Address = "127.0.0.1" },
            Service = new { ID = service.Id, Service = service.Name, service.Tags, service.Address, service.Port, service.Meta },
            Checks = checks,
        };
    }
}
