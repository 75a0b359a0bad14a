# A single-node Consul agent for developing Beamchain on one machine:
#
#   consul agent -dev -config-file=consul/dev.hcl
#
# Nodes find it at http://127.0.0.1:8500 (their default; else --consul or CONSUL_HTTP_ADDR).
# No ACLs: with ACLs on, give the nodes a token through CONSUL_HTTP_TOKEN.
# Without a consul binary, the test double serves the same API:
#   dotnet run --project tests/ConsulDouble -- --port 8500

node_name   = "beamchain-dev"
bind_addr   = "127.0.0.1"
client_addr = "127.0.0.1"
log_level   = "WARN"

ports {
  http = 8500
  dns  = -1 # Beamchain uses only the HTTP API
}

ui_config {
  enabled = true # http://127.0.0.1:8500/ui shows the cluster's members and their TTL checks
}
