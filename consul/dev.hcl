# Development agent for a local Beamchain cluster: `consul agent -dev -config-file consul/dev.hcl`.
# -dev already gives a single in-memory server with the HTTP API on 127.0.0.1:8500.
node_name  = "beamchain-dev"
datacenter = "dc1"
log_level  = "WARN"

# Nodes pass their TTL check about once a second; let a dead one be reaped quickly in development.
reconnect_timeout = "8h"

ui_config {
  enabled = true
}
