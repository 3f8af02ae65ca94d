using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sagas.ActivityWorkers.Activities;

/// <summary>
/// What a folder's activities need registered (their settings, their helpers). Every implementation
/// in this assembly is found and run wherever activities run, as the activities themselves are
/// found, so a workflow's activity folder is all there is to add.
/// </summary>
public interface IActivityServices
{
    void Add(IServiceCollection services, IConfiguration configuration);
}
