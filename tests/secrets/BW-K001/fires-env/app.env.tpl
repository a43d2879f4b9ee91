APP_NAME=shop
DEBUG=false
STRIPE_KEY=sk_@@live_{A32}
GITHUB_TOKEN=gh@@p_{A30}{crc}
DATABASE_URL=postgresql://shop:{A16}@db:5432/shop
