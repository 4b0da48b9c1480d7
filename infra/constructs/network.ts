import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

export const AVAILABILITY_ZONES = 2;

export type NetworkProps = {
  readonly prefix: string;
  readonly region: string;
  readonly cidr: string;
  /**
   * NAT gateways for the private subnets: one per AZ, 1 (cheaper), or none (the tasks then run in the
   * public subnets, and the private subnets hold only the internal load balancer, which needs no egress).
   */
  readonly natGateways: 0 | 1 | 2;
};

/**
 * A VPC over two AZs: public subnets (internet gateway) for the NAT gateways, or for the tasks when there is
 * no NAT; private subnets for the internal load balancer and, behind NAT, the tasks. S3 and DynamoDB are
 * reached through free gateway endpoints from every subnet.
 */
export class NetworkConstruct extends Construct {
  readonly vpcId: string;
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const name = (suffix: string) => ({ Name: `${props.prefix}-${suffix}` });

    const zones = new DataAwsAvailabilityZones(this, 'zones', { state: 'available' });
    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: name('vpc'),
    });
    // The default security group would otherwise allow all traffic between its members.
    new DefaultSecurityGroup(this, 'default-sg', { vpcId: vpc.id, ingress: [], egress: [], tags: name('default-deny') });

    const gateway = new InternetGateway(this, 'igw', { vpcId: vpc.id, tags: name('igw') });
    const publicRoutes = new RouteTable(this, 'public-routes', { vpcId: vpc.id, tags: name('public') });
    new Route(this, 'public-default-route', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: gateway.id,
    });

    const zoneIndexes = [...Array(AVAILABILITY_ZONES).keys()];
    const publicSubnets = zoneIndexes.map((i) => {
      const subnet = new Subnet(this, `public-${i}`, {
        vpcId: vpc.id,
        availabilityZone: Fn.element(zones.names, i),
        cidrBlock: Fn.cidrsubnet(props.cidr, 8, i),
        tags: name(`public-${i}`),
      });
      new RouteTableAssociation(this, `public-${i}-routes`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
      return subnet;
    });

    const natGateways = zoneIndexes.slice(0, props.natGateways).map((i) => {
      const address = new Eip(this, `nat-${i}-ip`, { domain: 'vpc', tags: name(`nat-${i}`) });
      return new NatGateway(this, `nat-${i}`, {
        allocationId: address.allocationId,
        subnetId: publicSubnets[i]!.id,
        tags: name(`nat-${i}`),
        dependsOn: [gateway],
      });
    });

    const privateRouteTables = zoneIndexes.map((i) => {
      const table = new RouteTable(this, `private-${i}-routes`, { vpcId: vpc.id, tags: name(`private-${i}`) });
      const nat = natGateways[i % Math.max(natGateways.length, 1)];
      if (nat) new Route(this, `private-${i}-default-route`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      return table;
    });
    const privateSubnets = zoneIndexes.map((i) => {
      const subnet = new Subnet(this, `private-${i}`, {
        vpcId: vpc.id,
        availabilityZone: Fn.element(zones.names, i),
        cidrBlock: Fn.cidrsubnet(props.cidr, 8, 10 + i),
        tags: name(`private-${i}`),
      });
      new RouteTableAssociation(this, `private-${i}-routes-association`, {
        subnetId: subnet.id,
        routeTableId: privateRouteTables[i]!.id,
      });
      return subnet;
    });

    for (const service of ['s3', 'dynamodb']) {
      new VpcEndpoint(this, `${service}-endpoint`, {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Gateway',
        // Every table: tasks in public subnets (no NAT) reach S3 and DynamoDB through the endpoints too.
        routeTableIds: [publicRoutes.id, ...privateRouteTables.map((table) => table.id)],
        tags: name(service),
      });
    }

    this.vpcId = vpc.id;
    this.publicSubnetIds = publicSubnets.map((subnet) => subnet.id);
    this.privateSubnetIds = privateSubnets.map((subnet) => subnet.id);
  }
}
