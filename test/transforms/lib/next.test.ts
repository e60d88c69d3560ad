/**
 * Next.js API routes: which files are routes (by path or by import), and the response
 * `await-then-send` adds there (`res.status(200).end()`: a Next.js response has no `sendStatus`).
 */
import { applyTransforms, readTransformOptions } from '../../../transforms';
import { importsNext, isNextApiPath, isNextModule } from '../../../transforms/lib/next';
import { parseSource } from '../../../transforms/lib/parse';

describe('the path rule: a file below pages/api/ or app/api/ (path segments, any depth)', () => {
  test.each([
    ['pages/api/hello.js', true],
    ['src/pages/api/users/[id].ts', true],
    ['/home/dev/shop/apps/web/pages/api/auth/[...nextauth].js', true],
    ['app/api/posts/route.ts', true],
    ['C:\\work\\site\\pages\\api\\cart.ts', true],
    ['pages/api.js', false],
    ['pages/apis/hello.js', false],
    ['mypages/api/hello.js', false],
    ['pages/admin/api/hello.js', false],
    ['functions/api/index.js', false],
    ['src/app.js', false],
  ])('%s -> %s', (filePath, expected) => {
    expect(isNextApiPath(filePath)).toBe(expected);
  });
});

describe('the import rule: next and its entry points, not other packages', () => {
  test.each([
    ['next', true],
    ['next/server', true],
    ['next/types', true],
    ['next-auth', false],
    ['next-connect', false],
    ['@next/env', false],
  ])('%s -> %s', (specifier, expected) => expect(isNextModule(specifier)).toBe(expected));

  test.each([
    ["import type { NextApiRequest, NextApiResponse } from 'next';", 'ts', true],
    ["import { NextResponse } from 'next/server';", 'ts', true],
    ["export type { NextApiHandler } from 'next';", 'ts', true],
    ["import next = require('next');", 'ts', true],
    ["const next = require('next');", 'babel', true],
    ["const { parse } = require('next/dist/compiled/cookie');", 'babel', true],
    ["import { getServerSession } from 'next-auth/next';", 'babel', false],
    ["function f() { const next = require('next'); }", 'babel', false],
    ["import express from 'express';", 'babel', false],
  ] as const)('%s -> %s', (source, parser, expected) => {
    expect(importsNext(parseSource(source, parser))).toBe(expected);
  });
});

describe('the response await-then-send adds', () => {
  const route = `export default function handler(req, res) {\n  return fetch(process.env.HOOK_URL, { method: 'POST' });\n}\n`;
  const added = (source: string, path: string, respond?: string) =>
    /\n {2}(.*);\n\}\n$/.exec(
      applyTransforms(source, { path, transforms: ['await-then-send'], transformOptions: readTransformOptions({ respond }) }).output,
    )?.[1];

  test('a Next.js API route, by its path: res.status(200).end()', () => {
    expect(added(route, 'src/pages/api/users/[id].js')).toBe('res.status(200).end()');
    expect(added(route, 'app/api/hooks/handler.js')).toBe('res.status(200).end()');
  });

  test('a Next.js API route, by its import: res.status(200).end()', () => {
    const typed = `import type { NextApiRequest, NextApiResponse } from 'next';\n${route.replace('(req, res)', '(req: NextApiRequest, res: NextApiResponse)')}`;
    expect(added(typed, 'handlers/hooks.ts')).toBe('res.status(200).end()');
  });

  test('elsewhere an exported handler gets res.sendStatus(200); --respond wins everywhere', () => {
    // Outside a route file, an export that uses neither its request nor its response is left alone
    // (its parameter names are the only sign it is a handler); one that reads the request is one.
    expect(added(route, 'functions/hooks.js')).toBe("return fetch(process.env.HOOK_URL, { method: 'POST' })");
    expect(added(route.replace("{ method: 'POST' }", "{ method: 'POST', body: req.body }"), 'functions/hooks.js')).toBe('res.sendStatus(200)');
    expect(added(route, 'pages/api/hooks.js', 'res.status(204).end()')).toBe('res.status(204).end()');
    expect(added(route, 'pages/api/hooks.js', 'res.json({ ok: true })')).toBe('res.json({ ok: true })');
  });

  test('handlers registered otherwise in a file that imports next keep their own default (a custom server)', () => {
    const server = [
      "const next = require('next');",
      "const http = require('http');",
      "const express = require('express');",
      'const app = express();',
      "app.post('/hooks', (req, res) => {",
      "  return fetch(process.env.HOOK_URL, { method: 'POST' });",
      '});',
      'http.createServer((req, res) => {',
      "  return fetch(process.env.HOOK_URL, { method: 'POST' });",
      '}).listen(3000);',
      '',
    ].join('\n');
    const output = applyTransforms(server, { path: 'server.js', transforms: ['await-then-send'] }).output;
    expect(output).toContain("app.post('/hooks', async (req, res) => {\n  await fetch(process.env.HOOK_URL, { method: 'POST' });\n  res.sendStatus(200);\n});");
    expect(output).toContain("http.createServer(async (req, res) => {\n  await fetch(process.env.HOOK_URL, { method: 'POST' });\n  res.end();\n})");
  });

  test('send-status leaves a Next.js API route alone (res.send(200) sends the JSON body 200 there)', () => {
    const source = `export default async function handler(req, res) {\n  await fetch(process.env.HOOK_URL);\n  res.send(200);\n}\n`;
    expect(applyTransforms(source, { path: 'pages/api/ping.js', transforms: ['send-status'] }).changed).toBe(false);
    expect(applyTransforms(source, { path: 'functions/ping.js', transforms: ['send-status'] }).output).toContain('res.sendStatus(200);');
  });
});
