#!/usr/bin/env python3
# sandbox-peers.py URL CASE: drives a running Wharf sandbox with independent
# AWS clients (the aws CLI and boto3) and checks what they get back.
# Run by test-sandbox-peers; exits non-zero with a message on failure.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import time

import boto3
import botocore.config
import botocore.exceptions

URL = sys.argv[1]
CASE = sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "..", "fixtures", "sandbox", "ecs-stack.yaml")
CONFIG = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})


def client(service, secret="test", key="test", token=None):
    return boto3.client(service, endpoint_url=URL, region_name="us-east-1",
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        aws_session_token=token, config=CONFIG)


def aws(*args, secret="test", key="test", check=True):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=key, AWS_SECRET_ACCESS_KEY=secret,
               AWS_DEFAULT_REGION="us-east-1", AWS_ENDPOINT_URL=URL, AWS_MAX_ATTEMPTS="1",
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")
    proc = subprocess.run(["aws", "--output", "json"] + list(args), env=env,
                          capture_output=True, text=True, timeout=60)
    if check and proc.returncode != 0:
        raise AssertionError(f"aws {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
    if not check:
        return proc
    return json.loads(proc.stdout) if proc.stdout.strip() else None


def expect(condition, message):
    if not condition:
        raise AssertionError(str(message)[:2000])


def wait_stack(name, terminal=("CREATE_COMPLETE", "UPDATE_COMPLETE", "ROLLBACK_COMPLETE",
                               "UPDATE_ROLLBACK_COMPLETE", "DELETE_COMPLETE", "CREATE_FAILED")):
    cfn = client("cloudformation")
    for _ in range(200):
        stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
        if stack["StackStatus"] in terminal:
            return stack
        time.sleep(0.05)
    raise AssertionError(f"stack {name} stuck in {stack['StackStatus']}")


def make_stack(name):
    with open(TEMPLATE) as f:
        body = f.read()
    cfn = client("cloudformation")
    cfn.create_stack(StackName=name, TemplateBody=body, Capabilities=["CAPABILITY_IAM"])
    stack = wait_stack(name)
    expect(stack["StackStatus"] == "CREATE_COMPLETE", f"stack {name}: {stack['StackStatus']}")
    return stack


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    raise AssertionError(f"{call.__name__} succeeded")


def case_cli_create_stack():
    out = aws("cloudformation", "create-stack", "--stack-name", "clistack",
              "--template-body", "file://" + TEMPLATE, "--capabilities", "CAPABILITY_IAM")
    expect(out["StackId"].startswith("arn:aws:cloudformation:us-east-1:000000000000:stack/clistack/"), out)
    wait_stack("clistack")
    # the CLI follows NextToken through pages of 5 events
    events = aws("cloudformation", "describe-stack-events", "--stack-name", "clistack")["StackEvents"]
    raw = client("cloudformation").describe_stack_events(StackName="clistack")
    expect(len(raw["StackEvents"]) == 5 and "NextToken" in raw, "the first page is not 5 events + token")
    expect(len(events) == 12 * 3 + 2, f"{len(events)} events")
    expect(events[0]["LogicalResourceId"] == "clistack" and events[0]["ResourceStatus"] == "CREATE_COMPLETE",
           events[0])
    expect(events[-1]["ResourceStatus"] == "CREATE_IN_PROGRESS" and
           events[-1]["ResourceStatusReason"] == "User Initiated", events[-1])
    ids = [e["EventId"] for e in events]
    expect(len(set(ids)) == len(ids), "duplicate event ids across pages")
    stacks = aws("cloudformation", "describe-stacks", "--stack-name", "clistack")["Stacks"]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stacks[0]["Outputs"]}
    expect(outputs["LoadBalancerDNS"].endswith(".us-east-1.elb.amazonaws.com"), outputs)
    resources = aws("cloudformation", "list-stack-resources", "--stack-name", "clistack")
    expect(len(resources["StackResourceSummaries"]) == 12, resources)


def case_boto3_events_paging():
    make_stack("pagedstack")
    pages = list(client("cloudformation").get_paginator("describe_stack_events")
                 .paginate(StackName="pagedstack"))
    events = [e for p in pages for e in p["StackEvents"]]
    expect(len(pages) == (len(events) + 4) // 5, f"{len(pages)} pages for {len(events)} events")
    stamps = [e["Timestamp"] for e in events]
    expect(stamps == sorted(stamps, reverse=True), "events are not newest first")


def case_cli_change_set():
    make_stack("csstack")
    with open(TEMPLATE) as f:
        body = f.read().replace("Scheme: internet-facing", "Scheme: internal")
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"wharf-cs-{os.getpid()}.yaml")
    with open(path, "w") as f:
        f.write(body)
    try:
        aws("cloudformation", "create-change-set", "--stack-name", "csstack", "--change-set-name", "cs1",
            "--template-body", "file://" + path, "--capabilities", "CAPABILITY_IAM")
    finally:
        os.unlink(path)
    for _ in range(100):
        cs = aws("cloudformation", "describe-change-set", "--stack-name", "csstack", "--change-set-name", "cs1")
        if cs["Status"] != "CREATE_PENDING":
            break
        time.sleep(0.05)
    expect(cs["Status"] == "CREATE_COMPLETE" and cs["ExecutionStatus"] == "AVAILABLE", cs)
    changes = {c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"] for c in cs["Changes"]}
    expect(changes["LoadBalancer"]["Action"] == "Modify", changes)
    expect(changes["LoadBalancer"]["Replacement"] == "True", changes["LoadBalancer"])
    expect(changes["LoadBalancer"]["Details"][0]["Target"]["Name"] == "Scheme", changes["LoadBalancer"])
    expect(changes["WebTCP80Listener"]["Replacement"] == "Conditional", changes["WebTCP80Listener"])
    listed = aws("cloudformation", "list-change-sets", "--stack-name", "csstack")["Summaries"]
    expect([s["ChangeSetName"] for s in listed] == ["cs1"], listed)
    aws("cloudformation", "execute-change-set", "--stack-name", "csstack", "--change-set-name", "cs1")
    stack = wait_stack("csstack")
    expect(stack["StackStatus"] == "UPDATE_COMPLETE", stack)
    proc = aws("cloudformation", "execute-change-set", "--stack-name", "csstack", "--change-set-name", "cs1",
               check=False)
    expect(proc.returncode != 0 and "InvalidChangeSetStatus" in proc.stderr, proc.stderr)


def case_cli_ecs():
    make_stack("ecsstack")
    services = aws("ecs", "list-services", "--cluster", "ecsstack")["serviceArns"]
    expect(sorted(s.rsplit("/", 1)[1] for s in services) == ["web", "worker"], services)
    for _ in range(100):
        web = aws("ecs", "describe-services", "--cluster", "ecsstack", "--services", "web")["services"][0]
        if web["runningCount"] == 2:
            break
        time.sleep(0.05)
    expect(web["desiredCount"] == 2 and web["runningCount"] == 2, web)
    tasks = aws("ecs", "list-tasks", "--cluster", "ecsstack", "--service-name", "web")["taskArns"]
    expect(len(tasks) == 2, tasks)
    described = aws("ecs", "describe-tasks", "--cluster", "ecsstack", "--tasks", *tasks)["tasks"]
    expect(all(t["lastStatus"] == "RUNNING" and t["containers"][0]["name"] == "web" for t in described),
           described)
    missing = aws("ecs", "describe-services", "--cluster", "ecsstack", "--services", "nope")
    expect(missing["failures"][0]["reason"] == "MISSING", missing)
    proc = aws("ecs", "list-services", "--cluster", "no-such-cluster", check=False)
    expect("ClusterNotFoundException" in proc.stderr, proc.stderr)


def case_cli_logs():
    make_stack("logstack")
    for _ in range(100):
        events = aws("logs", "filter-log-events", "--log-group-name", "/docker-compose/logstack")["events"]
        if len(events) >= 4:
            break
        time.sleep(0.05)
    expect(len(events) >= 4, events)
    expect(all(e["logStreamName"].startswith(("logstack/web/", "logstack/worker/")) for e in events), events)
    web = aws("logs", "filter-log-events", "--log-group-name", "/docker-compose/logstack",
              "--log-stream-name-prefix", "logstack/web/", "--filter-pattern", "nginx")["events"]
    expect(web and all("nginx" in e["message"] for e in web), web)
    stream = events[0]["logStreamName"]
    got = aws("logs", "get-log-events", "--log-group-name", "/docker-compose/logstack",
              "--log-stream-name", stream, "--start-from-head")
    expect(got["events"] and got["nextForwardToken"].startswith("f/"), got)


def case_cli_secrets():
    created = aws("secretsmanager", "create-secret", "--name", "peer-secret", "--secret-string", "hunter2")
    expect(created["ARN"].startswith("arn:aws:secretsmanager:us-east-1:000000000000:secret:peer-secret-"), created)
    names = [s["Name"] for s in aws("secretsmanager", "list-secrets")["SecretList"]]
    expect("peer-secret" in names, names)
    proc = aws("secretsmanager", "create-secret", "--name", "peer-secret", "--secret-string", "x", check=False)
    expect("ResourceExistsException" in proc.stderr, proc.stderr)
    value = client("secretsmanager").get_secret_value(SecretId="peer-secret")
    expect(value["SecretString"] == "hunter2", value)
    aws("secretsmanager", "delete-secret", "--secret-id", "peer-secret", "--force-delete-without-recovery")
    names = [s["Name"] for s in aws("secretsmanager", "list-secrets")["SecretList"]]
    expect("peer-secret" not in names, names)
    # a secret scheduled for deletion blocks its name
    aws("secretsmanager", "create-secret", "--name", "pending", "--secret-string", "x")
    aws("secretsmanager", "delete-secret", "--secret-id", "pending", "--recovery-window-in-days", "7")
    proc = aws("secretsmanager", "create-secret", "--name", "pending", "--secret-string", "x", check=False)
    expect("InvalidRequestException" in proc.stderr, proc.stderr)


def case_secret_tags():
    # tags given to CreateSecret come back from DescribeSecret and ListSecrets
    sm = client("secretsmanager")
    sm.create_secret(Name="tagged", SecretString="x",
                     Tags=[{"Key": "com.docker.compose.project", "Value": "webapp"}, {"Key": "team", "Value": "a"}])
    tags = sm.describe_secret(SecretId="tagged")["Tags"]
    expect(tags == [{"Key": "com.docker.compose.project", "Value": "webapp"}, {"Key": "team", "Value": "a"}], tags)
    listed = [s for s in sm.list_secrets()["SecretList"] if s["Name"] == "tagged"]
    expect(listed and listed[0]["Tags"] == tags, listed)
    # TagResource replaces a value and adds a key, UntagResource removes keys
    sm.tag_resource(SecretId="tagged", Tags=[{"Key": "team", "Value": "b"}, {"Key": "env", "Value": "prod"}])
    tags = aws("secretsmanager", "describe-secret", "--secret-id", "tagged")["Tags"]
    expect(tags == [{"Key": "com.docker.compose.project", "Value": "webapp"}, {"Key": "team", "Value": "b"},
                    {"Key": "env", "Value": "prod"}], tags)
    sm.untag_resource(SecretId="tagged", TagKeys=["team", "absent"])
    tags = sm.describe_secret(SecretId="tagged")["Tags"]
    expect([t["Key"] for t in tags] == ["com.docker.compose.project", "env"], tags)
    code, _ = error_code(sm.tag_resource, SecretId="tagged", Tags=[{"Key": "k" * 129, "Value": "x"}])
    expect(code == "InvalidParameterException", code)
    code, _ = error_code(sm.tag_resource, SecretId="no-such-secret", Tags=[{"Key": "k", "Value": "v"}])
    expect(code == "ResourceNotFoundException", code)
    # an untagged secret still answers an empty list
    sm.create_secret(Name="untagged", SecretString="x")
    expect(sm.describe_secret(SecretId="untagged")["Tags"] == [], "untagged")


def case_boto3_efs():
    efs = client("efs")
    fs = efs.create_file_system(CreationToken="peer-volume", Tags=[{"Key": "Name", "Value": "data"}])
    expect(fs["FileSystemId"].startswith("fs-") and fs["LifeCycleState"] == "available", fs)
    found = efs.describe_file_systems(CreationToken="peer-volume")["FileSystems"]
    expect(len(found) == 1 and found[0]["Name"] == "data", found)
    code, _ = error_code(efs.create_file_system, CreationToken="peer-volume")
    expect(code == "FileSystemAlreadyExists", code)
    efs.delete_file_system(FileSystemId=fs["FileSystemId"])
    code, _ = error_code(efs.describe_file_systems, FileSystemId=fs["FileSystemId"])
    expect(code == "FileSystemNotFound", code)
    listed = aws("efs", "describe-file-systems")["FileSystems"]
    expect(all(f["FileSystemId"] != fs["FileSystemId"] for f in listed), listed)


def case_bad_signature():
    for service, call, wanted in (("sts", "get_caller_identity", "SignatureDoesNotMatch"),
                                  ("cloudformation", "describe_stacks", "SignatureDoesNotMatch"),
                                  ("ecs", "list_clusters", None),
                                  ("ecs", "list_account_settings", "InvalidSignatureException"),
                                  ("logs", "describe_log_groups", None),
                                  ("secretsmanager", "list_secrets", "InvalidSignatureException"),
                                  ("ec2", "describe_vpcs", "AuthFailure")):
        if wanted is None:
            continue
        code, _ = error_code(getattr(client(service, secret="wrong"), call))
        expect(code == wanted, f"{service}: {code}")
    code, _ = error_code(client("sts", key="AKIDUNKNOWN").get_caller_identity)
    expect(code == "InvalidClientTokenId", code)
    code, _ = error_code(client("ecs", key="AKIDUNKNOWN").list_account_settings)
    expect(code == "UnrecognizedClientException", code)
    proc = aws("sts", "get-caller-identity", secret="wrong", check=False)
    expect(proc.returncode != 0 and "SignatureDoesNotMatch" in proc.stderr, proc.stderr)
    ident = aws("sts", "get-caller-identity")
    expect(ident["Account"] == "000000000000", ident)
    # temporary credentials from AssumeRole are accepted with their token
    creds = client("sts").assume_role(RoleArn="arn:aws:iam::000000000000:role/deployer",
                                      RoleSessionName="peer")["Credentials"]
    who = client("sts", key=creds["AccessKeyId"], secret=creds["SecretAccessKey"],
                 token=creds["SessionToken"]).get_caller_identity()
    expect(who["Arn"] == "arn:aws:sts::000000000000:assumed-role/deployer/peer", who)
    code, _ = error_code(client("sts", key=creds["AccessKeyId"], secret=creds["SecretAccessKey"])
                         .get_caller_identity)
    expect(code == "InvalidClientTokenId", code)


def case_boto3_template_url():
    with open(TEMPLATE) as f:
        body = f.read()
    big = body + "\n" + "#" * 60000 + "\n"
    cfn = client("cloudformation")
    code, message = error_code(cfn.create_stack, StackName="bigstack", TemplateBody=big,
                               Capabilities=["CAPABILITY_IAM"])
    expect(code == "ValidationError" and "51200" in message, message)
    s3 = client("s3")
    s3.create_bucket(Bucket="wharf-templates")
    s3.put_object(Bucket="wharf-templates", Key="big/stack.yaml", Body=big.encode())
    got = s3.get_object(Bucket="wharf-templates", Key="big/stack.yaml")["Body"].read()
    expect(got == big.encode(), "object differs")
    cfn.create_stack(StackName="bigstack", TemplateURL=URL + "wharf-templates/big/stack.yaml",
                     Capabilities=["CAPABILITY_IAM"])
    expect(wait_stack("bigstack")["StackStatus"] == "CREATE_COMPLETE", "bigstack failed")
    s3.delete_object(Bucket="wharf-templates", Key="big/stack.yaml")
    code, _ = error_code(s3.get_object, Bucket="wharf-templates", Key="big/stack.yaml")
    expect(code == "NoSuchKey", code)


def case_boto3_rollback():
    template = {
        "Resources": {
            "Cluster": {"Type": "AWS::ECS::Cluster"},
            "Logs": {"Type": "AWS::Logs::LogGroup"},
            "BrokenService": {"Type": "AWS::ECS::Service",
                              "Properties": {"Cluster": {"Ref": "Cluster"}, "DesiredCount": 1}},
        }
    }
    cfn = client("cloudformation")
    cfn.create_stack(StackName="broken", TemplateBody=json.dumps(template))
    stack = wait_stack("broken")
    expect(stack["StackStatus"] == "ROLLBACK_COMPLETE", stack)
    events = [e for p in cfn.get_paginator("describe_stack_events").paginate(StackName="broken")
              for e in p["StackEvents"]][::-1]
    statuses = [(e["LogicalResourceId"], e["ResourceStatus"]) for e in events]
    failed = statuses.index(("BrokenService", "CREATE_FAILED"))
    rollback = statuses.index(("broken", "ROLLBACK_IN_PROGRESS"))
    expect(failed < rollback < statuses.index(("Cluster", "DELETE_COMPLETE")), statuses)
    expect("subnet not found" in events[failed]["ResourceStatusReason"], events[failed])
    code, message = error_code(cfn.update_stack, StackName="broken", TemplateBody=json.dumps(template))
    expect(code == "ValidationError" and "ROLLBACK_COMPLETE" in message, message)
    code, message = error_code(cfn.create_stack, StackName="cycle", TemplateBody=json.dumps({
        "Resources": {"A": {"Type": "AWS::SNS::Topic", "DependsOn": "B"},
                      "B": {"Type": "AWS::SNS::Topic", "DependsOn": "A"}}}))
    expect(code == "ValidationError" and message == "Circular dependency between resources: [A, B]", message)
    cfn.delete_stack(StackName="broken")
    expect(wait_stack(stack["StackId"])["StackStatus"] == "DELETE_COMPLETE", "not deleted")
    code, message = error_code(cfn.describe_stacks, StackName="broken")
    expect(message == "Stack with id broken does not exist", message)


def case_boto3_account():
    ec2 = client("ec2")
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"]
    expect([v["VpcId"] for v in vpcs] == ["vpc-0a1b2c3d4e5f60718"], vpcs)
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": ["vpc-0a1b2c3d4e5f60718"]}])["Subnets"]
    expect(sorted(s["AvailabilityZone"] for s in subnets) == ["us-east-1a", "us-east-1b"], subnets)
    tables = ec2.describe_route_tables(Filters=[{"Name": "association.main", "Values": ["true"]}])["RouteTables"]
    expect(any(r.get("GatewayId", "").startswith("igw-") for r in tables[0]["Routes"]), tables)
    attr = ec2.describe_vpc_attribute(VpcId="vpc-0a1b2c3d4e5f60718", Attribute="enableDnsHostnames")
    expect(attr["EnableDnsHostnames"]["Value"] is True, attr)
    expect(ec2.describe_security_groups()["SecurityGroups"], "no security groups")
    zones = [z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"]]
    expect("us-east-1a" in zones, zones)
    expect("eu-west-1" in [r["RegionName"] for r in ec2.describe_regions()["Regions"]], "regions")
    code, _ = error_code(ec2.describe_vpcs, VpcIds=["vpc-404"])
    expect(code == "InvalidVpcID.NotFound", code)
    gpu = client("ssm").get_parameter(Name="/aws/service/ecs/optimized-ami/amazon-linux-2/gpu/recommended/image_id")
    expect(gpu["Parameter"]["Value"].startswith("ami-"), gpu)
    code, _ = error_code(client("ssm").get_parameter, Name="/nope")
    expect(code == "ParameterNotFound", code)
    code, message = error_code(client("autoscaling").delete_auto_scaling_group, AutoScalingGroupName="nope")
    expect(code == "ValidationError" and "not found" in message, message)
    make_stack("lbstack")
    lbs = client("elbv2").describe_load_balancers()["LoadBalancers"]
    expect(lbs and lbs[-1]["DNSName"].endswith(".elb.amazonaws.com") and lbs[-1]["State"]["Code"] == "active", lbs)
    tgs = client("elbv2").describe_target_groups(LoadBalancerArn=lbs[-1]["LoadBalancerArn"])["TargetGroups"]
    expect(len(tgs) == 1 and tgs[0]["Port"] == 80, tgs)
    code, _ = error_code(client("elbv2").describe_load_balancers, Names=["missing"])
    expect(code == "LoadBalancerNotFound", code)
    summary = client("cloudformation").get_template_summary(StackName="lbstack")
    expect("AWS::ECS::Service" in summary["ResourceTypes"], summary)
    valid = client("cloudformation").validate_template(TemplateBody=open(TEMPLATE).read())
    expect(valid["Capabilities"] == ["CAPABILITY_IAM"], valid)


def case_boto3_stacks_paging():
    # the seed pages DescribeStacks by 2 and ListStackResources by 5
    cfn = client("cloudformation")
    for name in ("pg-a", "pg-b", "pg-c"):
        make_stack(name)
    stack_id = cfn.describe_stacks(StackName="pg-b")["Stacks"][0]["StackId"]
    cfn.delete_stack(StackName="pg-b")
    wait_stack(stack_id)
    first = cfn.describe_stacks()
    expect(len(first["Stacks"]) == 2 and "NextToken" in first, "the first page is not 2 stacks + token")
    pages = list(cfn.get_paginator("describe_stacks").paginate())
    expect(all(len(p["Stacks"]) <= 2 for p in pages) and "NextToken" not in pages[-1], pages)
    names = [s["StackName"] for p in pages for s in p["Stacks"]]
    live = [s["StackName"] for s in cfn.list_stacks()["StackSummaries"] if s["StackStatus"] != "DELETE_COMPLETE"]
    expect(names == live, f"{names} != {live}")  # all of them, newest first, deleted ones left out
    expect(names.index("pg-c") < names.index("pg-a") and "pg-b" not in names, names)
    cli = [s["StackName"] for s in aws("cloudformation", "describe-stacks")["Stacks"]]
    expect(cli == names, f"aws CLI: {cli}")
    code, _ = error_code(cfn.describe_stacks, NextToken="bm90LWEtdG9rZW4=")
    expect(code == "ValidationError", code)

    pages = list(cfn.get_paginator("list_stack_resources").paginate(StackName="pg-a"))
    sizes = [len(p["StackResourceSummaries"]) for p in pages]
    expect(sizes == [5, 5, 2], sizes)
    ids = [r["LogicalResourceId"] for p in pages for r in p["StackResourceSummaries"]]
    expect(len(set(ids)) == 12, ids)
    cli = aws("cloudformation", "list-stack-resources", "--stack-name", "pg-a")["StackResourceSummaries"]
    expect([r["LogicalResourceId"] for r in cli] == ids, cli)
    # a token of one stack is refused for another
    token = cfn.list_stack_resources(StackName="pg-a")["NextToken"]
    code, _ = error_code(cfn.list_stack_resources, StackName="pg-c", NextToken=token)
    expect(code == "ValidationError", code)
    # DescribeStackResources does not page (its limit is 100)
    expect(len(cfn.describe_stack_resources(StackName="pg-a")["StackResources"]) == 12, "describe")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    if CASE not in CASES:
        sys.exit(f"unknown case {CASE}")
    CASES[CASE]()
    print(f"{CASE}: ok")
