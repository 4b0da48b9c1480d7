import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NetworkConstruct } from '../../infra/constructs/network';
import { resources, single, synthConstructs } from '../../infra/testing';

const synth = (natGateways: 0 | 1 | 2) =>
  synthConstructs((scope) => new NetworkConstruct(scope, 'network', { prefix: 'todoer-test', region: 'eu-west-1', cidr: '10.20.0.0/16', natGateways }));

describe('NetworkConstruct', () => {
  const network = synth(1);

  it('spans two availability zones with a public and a private subnet in each', () => {
    assert.equal(single(network, 'aws_vpc').cidr_block, '10.20.0.0/16');
    const subnets = resources(network, 'aws_subnet');
    assert.equal(subnets.length, 4);
    const zones = subnets.map((subnet) => String(subnet.availability_zone));
    assert.deepEqual(new Set(zones.map((zone) => /element\([^,]+, (\d)\)/.exec(zone)?.[1])), new Set(['0', '1']));
    assert.equal(new Set(subnets.map((subnet) => subnet.cidr_block)).size, 4, 'no two subnets share a range');
    assert.ok(subnets.every((subnet) => subnet.map_public_ip_on_launch !== true), 'nothing gets a public IP by default');
  });

  it('routes the private subnets through NAT: one gateway in dev, one per AZ when asked', () => {
    assert.equal(resources(network, 'aws_nat_gateway').length, 1);
    assert.equal(resources(synth(2), 'aws_nat_gateway').length, 2);
    const natRoutes = resources(network, 'aws_route').filter((route) => route.nat_gateway_id);
    assert.equal(natRoutes.length, 2);
  });

  it('has no NAT gateway, elastic IP or default private route without NAT (personal): only the public subnets go out', () => {
    const withoutNat = synth(0);
    assert.deepEqual(resources(withoutNat, 'aws_nat_gateway'), []);
    assert.deepEqual(resources(withoutNat, 'aws_eip'), []);
    const routes = resources(withoutNat, 'aws_route');
    assert.equal(routes.length, 1);
    assert.match(String(routes[0]!.gateway_id), /aws_internet_gateway\./);
    assert.equal(resources(withoutNat, 'aws_route_table').length, 3, 'the private tables stay, with the local route only');
  });

  it('reaches S3 and DynamoDB through gateway endpoints, from the public and the private subnets', () => {
    const endpoints = resources(network, 'aws_vpc_endpoint');
    assert.deepEqual(endpoints.map((endpoint) => endpoint.service_name).sort(), ['com.amazonaws.eu-west-1.dynamodb', 'com.amazonaws.eu-west-1.s3']);
    assert.ok(endpoints.every((endpoint) => endpoint.vpc_endpoint_type === 'Gateway'));
    const tables = Object.keys(network.resource.aws_route_table ?? {}).map((address) => `\${aws_route_table.${address}.id}`).sort();
    for (const endpoint of endpoints) assert.deepEqual([...(endpoint.route_table_ids as string[])].sort(), tables);
  });

  it('empties the default security group', () => {
    const group = single(network, 'aws_default_security_group');
    assert.deepEqual(group.ingress, []);
    assert.deepEqual(group.egress, []);
  });
});
