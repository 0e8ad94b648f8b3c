import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// The workspace package ships TypeScript source (its `main` is src/index.ts). Taro only transpiles
// node_modules it is told about, so the real path of the package goes into compile.include.
const typesPackage = path.resolve(__dirname, '../../types');

// Left empty, wx.cloud.init uses the mini-program's default cloud environment; set it at build
// time (TARO_APP_CLOUD_ENV=prod-xxxx npm run build:weapp -w client) to pin one.
const cloudEnv = process.env.TARO_APP_CLOUD_ENV ?? '';

// postcss-loader sits at the workspace root and would load the root's hoisted postcss, which is
// 7.x (miniprogram-simulate pulls it in); Taro's plugins need 8, installed under client/.
const postcss8: unknown = createRequire(__filename)('postcss');

// The slice of webpack-chain used here (its typings come through @tarojs/taro, see Merge below).
interface ChainUse {
  get(key: 'loader'): unknown;
  tap(update: (options: Record<string, unknown>) => Record<string, unknown>): unknown;
}
interface ChainRule {
  uses: { values(): ChainUse[] };
  oneOfs: { values(): ChainRule[] };
}
interface Chain {
  module: { rules: { values(): ChainRule[] } };
  resolve: {
    modules: { add(dir: string): unknown; has(dir: string): boolean };
    alias: { set(key: string, value: string): unknown };
  };
}

function pinPostcss(rule: ChainRule): void {
  for (const use of rule.uses.values()) {
    if (String(use.get('loader')).includes('postcss-loader')) {
      use.tap((options) => ({ ...options, implementation: postcss8 }));
    }
  }
  rule.oneOfs.values().forEach(pinPostcss);
}

// npm hoisted some Taro packages to the workspace root but kept others (the React runtime glue,
// @tarojs/taro) under client/; root packages that import them (taro-h5 → plugin-framework-react)
// only find them if client/node_modules is searched after the usual node_modules lookup.
const clientNodeModules = path.resolve(__dirname, '../node_modules');

function webpackChain(chain: Chain): void {
  chain.module.rules.values().forEach(pinPostcss);
  // Taro's h5 chain leaves resolve.modules unset (webpack's default); keep that default first.
  if (!chain.resolve.modules.has('node_modules')) chain.resolve.modules.add('node_modules');
  chain.resolve.modules.add(clientNodeModules);
}

// Same cause: @tarojs/router ended up nested under @tarojs/taro-h5, out of reach of Taro's own
// '@tarojs/router$' alias, which resolves from the app.
const requireFromTaroH5 = createRequire(
  createRequire(__filename).resolve('@tarojs/taro-h5/package.json'),
);
const taroRouterDir = path.dirname(requireFromTaroH5.resolve('@tarojs/router/package.json'));

function h5WebpackChain(chain: Chain): void {
  webpackChain(chain);
  chain.resolve.alias.set('@tarojs/router$', taroRouterDir);
}

// Typed by hand: @tarojs/cli's typings import @tarojs/taro, which is installed under client/ only.
type Merge = (...configs: object[]) => object;

export default defineConfig<'webpack5'>((merge: Merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'gridguard',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // weapp and h5 would otherwise both write to dist/ and overwrite each other.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // Always defined, so the bundle never keeps a bare `process.env.…` (undefined in browsers).
    defineConstants: {
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(cloudEnv),
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    mini: {
      compile: { include: [typesPackage] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain,
    },
    h5: {
      compile: { include: [typesPackage] },
      publicPath: '/',
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain: h5WebpackChain,
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
