"""An independent MCP client (Python's `mcp` SDK) driving `flickr mcp`.

Used by flickr-cli/tests/mcp.rs against the loopback Flickr:

    python mcp_client.py read  FLICKR_BIN PHOTO_ID   # stdio, read-only server
    python mcp_client.py write FLICKR_BIN PHOTO_ID   # stdio, --allow write
    python mcp_client.py lowperm FLICKR_BIN PHOTO_ID # stdio, --allow write, a read token
    python mcp_client.py http  FLICKR_BIN PHOTO_ID   # Streamable HTTP, read-only

The server's credentials and endpoint come from this process's FLICKR_*
environment. Each step prints one `ok STEP ...` line; any failed check exits
non-zero with the reason. The Rust test then checks the loopback Flickr's
request log and state (calls made, photo title unchanged or changed).
"""

import asyncio
import base64
import json
import os
import re
import subprocess
import sys

try:
    import jsonschema
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client
    from mcp.client.streamable_http import streamable_http_client
except ImportError as e:  # pragma: no cover - reported by the Rust test
    print(f"MISSING PACKAGE: {e}")
    sys.exit(1)

NEW_TITLE = "Retitled by an assistant"
TASK_TOOLS = {"search_photos", "get_photo", "list_albums", "album_photos", "whoami"}
GENERIC_TOOLS = {"flickr_methods", "flickr_method_info", "flickr_call"}


def check(cond, what):
    if not cond:
        print(f"FAILED: {what}")
        sys.exit(1)


def flickr_env():
    return {k: v for k, v in os.environ.items() if k.startswith("FLICKR_")}


def structured(result):
    if result.structured_content is not None:
        return result.structured_content
    return json.loads(result.content[0].text)


def text_of(result):
    return " ".join(c.text for c in result.content if getattr(c, "type", "") == "text")


async def listing(session, all_tools):
    tools = (await session.list_tools()).tools
    names = {t.name for t in tools}
    check(GENERIC_TOOLS | TASK_TOOLS <= names, f"generic and task tools listed: {sorted(names)}")
    for t in tools:
        # Every input schema is a valid JSON Schema (draft 2020-12).
        jsonschema.Draft202012Validator.check_schema(t.input_schema)
    per_method = [n for n in names if n not in GENERIC_TOOLS | TASK_TOOLS]
    if all_tools:
        check(len(per_method) == 224, f"one tool per method: {len(per_method)}")
        search = next(t for t in tools if t.name == "flickr_photos_search")
        validator = jsonschema.Draft202012Validator(search.input_schema)
        check(validator.is_valid({"text": "x", "per_page": 10}), "a good search validates")
        check(not validator.is_valid({"per_page": 0}), "per_page 0 is out of range")
        check(not validator.is_valid({"colour": "red"}), "unknown argument refused")
    else:
        check(not per_method, f"no per-method tools by default: {per_method[:3]}")
    print(f"ok list_tools {len(tools)} schemas valid")
    return tools


async def read_session(session, photo_id):
    await listing(session, all_tools=True)

    login = await session.call_tool("flickr_call", {"method": "flickr.test.login"})
    check(not login.is_error, f"test.login: {text_of(login)}")
    user = structured(login)["user"]
    check(user.get("id"), f"test.login names the user: {user}")
    print(f"ok flickr_call flickr.test.login {user['id']}")

    search = await session.call_tool(
        "flickr_call",
        {"method": "flickr.photos.search", "arguments": {"user_id": "me", "per_page": 3, "extras": ["url_m"]}},
    )
    check(not search.is_error, f"photos.search: {text_of(search)}")
    page = structured(search)["photos"]
    check(1 <= len(page["photo"]) <= 3, f"a page of at most 3 photos: {page}")
    check(all(v is not None for p in page["photo"] for v in p.values()), "no nulls in answers")
    print(f"ok flickr_call flickr.photos.search {len(page['photo'])} photos")

    bad = await session.call_tool(
        "flickr_call", {"method": "flickr.photos.search", "arguments": {"per_page": 0}}
    )
    check(bad.is_error and "per_page" in text_of(bad), f"a bad argument is named: {text_of(bad)}")
    print("ok bad argument refused before sending")

    photo = await session.call_tool("get_photo", {"photo_id": str(photo_id)})
    check(not photo.is_error, f"get_photo: {text_of(photo)}")
    images = [c for c in photo.content if getattr(c, "type", "") == "image"]
    check(len(images) == 1, f"get_photo returns one image: {[c.type for c in photo.content]}")
    raw = base64.b64decode(images[0].data)
    meta = structured(photo)
    check(meta["image"]["bytes"] == len(raw) and len(raw) <= 1_000_000, f"image size: {meta['image']}")
    check(images[0].mime_type.startswith("image/"), f"image MIME type: {images[0].mime_type}")
    print(f"ok get_photo {meta['image']['label']} {len(raw)} bytes")

    missing = await session.call_tool("get_photo", {"photo_id": "999999999"})
    err = structured(missing) if missing.is_error else {}
    check(err.get("code") == 1 and err.get("error") == "PhotoNotFound", f"Flickr's error as a tool error: {text_of(missing)}")
    check(err.get("method") == "flickr.photos.getInfo" and err.get("message"), f"with method and message: {err}")
    print("ok flickr error as tool error")

    refused = await session.call_tool(
        "flickr_call",
        {"method": "flickr.photos.setMeta", "arguments": {"photo_id": str(photo_id), "title": NEW_TITLE}},
    )
    check(refused.is_error, "a write is refused by default")
    check("--allow write" in text_of(refused), f"the refusal names the flag: {text_of(refused)}")
    print("ok write refused by default")

    per_method = await session.call_tool("flickr_photos_setMeta", {"photo_id": str(photo_id), "title": NEW_TITLE})
    check(per_method.is_error and "--allow write" in text_of(per_method), "the per-method tool is refused too")
    print("ok per-method write refused by default")


async def write_session(session, photo_id):
    await listing(session, all_tools=False)
    done = await session.call_tool(
        "flickr_call",
        {"method": "flickr.photos.setMeta", "arguments": {"photo_id": str(photo_id), "title": NEW_TITLE}},
    )
    check(not done.is_error, f"setMeta with --allow write: {text_of(done)}")
    deleting = await session.call_tool(
        "flickr_call", {"method": "flickr.photos.delete", "arguments": {"photo_id": str(photo_id)}}
    )
    check(deleting.is_error and "--allow delete" in text_of(deleting), f"delete still refused: {text_of(deleting)}")
    print("ok write applied with --allow write; delete refused")


async def low_perms_session(session, photo_id):
    answer = await session.call_tool(
        "flickr_call",
        {"method": "flickr.photos.setMeta", "arguments": {"photo_id": str(photo_id), "title": NEW_TITLE}},
    )
    err = structured(answer) if answer.is_error else {}
    check(err.get("code") == 99, f"a read token gets Flickr's 99: {text_of(answer)}")
    check("--perms write" in err.get("hint", ""), f"explained with what to do: {err}")
    print("ok low-permission token explained")


async def stdio(binary, extra, photo_id, body):
    params = StdioServerParameters(command=binary, args=["mcp", *extra], env=flickr_env())
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            check(init.server_info.name == "flickr", f"server info: {init.server_info}")
            print("ok initialize stdio")
            await body(session, photo_id)


async def http(binary, photo_id):
    env = {**os.environ, **flickr_env()}
    server = subprocess.Popen(
        [binary, "mcp", "--http", "127.0.0.1:0"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        line = server.stderr.readline()
        found = re.search(r"http://\S+/mcp", line)
        check(found, f"the server says where it listens: {line!r}")
        async with streamable_http_client(found.group(0)) as streams:
            read, write = streams[0], streams[1]
            async with ClientSession(read, write) as session:
                await session.initialize()
                print("ok initialize http")
                await listing(session, all_tools=False)
                login = await session.call_tool("flickr_call", {"method": "flickr.test.login"})
                check(not login.is_error, f"test.login over HTTP: {text_of(login)}")
                print("ok flickr_call over http")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main():
    mode, binary, photo_id = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "read":
        asyncio.run(stdio(binary, ["--tools", "all"], photo_id, read_session))
    elif mode == "write":
        asyncio.run(stdio(binary, ["--allow", "write"], photo_id, write_session))
    elif mode == "lowperm":
        asyncio.run(stdio(binary, ["--allow", "write"], photo_id, low_perms_session))
    elif mode == "http":
        asyncio.run(http(binary, photo_id))
    else:
        check(False, f"unknown mode {mode}")
    print('{"all": "ok"}')


if __name__ == "__main__":
    main()
