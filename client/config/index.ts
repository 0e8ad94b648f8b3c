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

export default defineConfig<'webpack5'>((merge) => {
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
      // Every stylesheet uses its own BEM prefix, so the order pages happen to import them in does
      // not matter; without this, mini-css-extract warns whenever two pages import them differently.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
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
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
